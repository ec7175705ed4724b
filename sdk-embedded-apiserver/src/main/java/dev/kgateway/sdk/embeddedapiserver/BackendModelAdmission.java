package dev.kgateway.sdk.embeddedapiserver;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendReadException;
import dev.kgateway.sdk.model.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Admission} that checks with the model instead of the CRD (select it with
 * {@code @KgatewayTest(admission = BackendModelAdmission.class)}): Backends are checked with the model's {@code Backend.validate()}
 * (the rules of the schema the SDK was generated from); other kinds are accepted as sent. Nothing
 * is defaulted or pruned. Writes to the status subresource are checked for status rules only.
 */
public final class BackendModelAdmission implements Admission {

    /** Creates the admission; it keeps no state. */
    public BackendModelAdmission() {
    }

    @Override
    public AdmissionResult admit(AdmissionRequest request) {
        if (!Backend.GROUP.equals(request.group()) || !Backend.KIND.equals(request.kind())) {
            return AdmissionResult.allow(request.object());
        }
        Backend backend;
        try {
            backend = BackendJson.fromTree(request.object());
        } catch (BackendReadException e) {
            return AdmissionResult.deny(new FieldCause(e.getPath(), FieldCause.TYPE_INVALID, "Invalid value: " + e.getMessage()));
        }
        List<FieldCause> causes = new ArrayList<>();
        for (Violation v : backend.validate()) {
            if ("status".equals(request.subresource()) != v.path().startsWith("status")) {
                continue;
            }
            causes.add(cause(v));
        }
        return causes.isEmpty() ? AdmissionResult.allow(request.object()) : AdmissionResult.deny(causes);
    }

    private static FieldCause cause(Violation v) {
        String value = v.value() == null ? "null" : "\"" + v.value() + "\"";
        return switch (v.rule()) {
            case "required" -> new FieldCause(v.path(), FieldCause.REQUIRED, "Required value");
            case "enum" -> new FieldCause(v.path(), FieldCause.NOT_SUPPORTED, "Unsupported value: " + value + ": "
                    + v.message().replace("must be one of ", "supported values: "));
            default -> new FieldCause(v.path(), FieldCause.INVALID, "Invalid value: " + value + ": " + v.message());
        };
    }
}

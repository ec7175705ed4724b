package dev.kgateway.sdk.embeddedapiserver;

import java.util.Objects;

/**
 * One cause of a 422 answer, as kube-apiserver writes it in {@code details.causes}.
 *
 * <pre>{@code
 * new FieldCause("spec.type", FieldCause.NOT_SUPPORTED, "Unsupported value: \"GCP\": supported values: \"AI\", \"AWS\", \"Static\"")
 * }</pre>
 *
 * @param field   the field path, such as {@code spec.static.hosts[0].port}
 * @param reason  kube's cause type: {@link #INVALID}, {@link #REQUIRED}, {@link #NOT_SUPPORTED}, ...
 * @param message kube's message for the field, such as {@code Invalid value: 70000: must be <= 65535}
 */
public record FieldCause(String field, String reason, String message) {

    /** {@code FieldValueInvalid}: the value breaks a rule. */
    public static final String INVALID = "FieldValueInvalid";
    /** {@code FieldValueRequired}: a required field is missing. */
    public static final String REQUIRED = "FieldValueRequired";
    /** {@code FieldValueNotSupported}: a value outside an enum. */
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    /** {@code FieldValueTypeInvalid}: a value of the wrong JSON type. */
    public static final String TYPE_INVALID = "FieldValueTypeInvalid";
    /** {@code FieldValueForbidden}: a field that may not be set. */
    public static final String FORBIDDEN = "FieldValueForbidden";

    /** Checks the members. */
    public FieldCause {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** @return the cause as kube-apiserver prints it inside the Status message: {@code spec.type: Unsupported value: "GCP"} */
    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}

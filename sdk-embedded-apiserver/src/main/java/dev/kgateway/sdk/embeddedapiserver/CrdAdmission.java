package dev.kgateway.sdk.embeddedapiserver;

import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.CrdValidator;
import dev.kgateway.sdk.validation.ViolationTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link Admission}: checks every custom resource against the CRD installed in the
 * server, as kube-apiserver does, with {@link CrdValidator}. Members the CRD does not declare are
 * pruned without an error, {@code default}s are applied, then the structural schema and the CEL
 * {@code x-kubernetes-validations} rules are checked (transition rules with {@code oldSelf} on
 * update, unchanged members ratcheted as on 1.30+ servers). A violation denies the write with the
 * server's field path, cause type and message; otherwise the pruned and defaulted object is stored.
 *
 * <p>The CRD is the one installed when the write arrives: replace it (or install a kgateway
 * release's, {@code @KgatewayTest(release = KgatewayRelease.V2_3)}) and the next write is checked
 * against the new one. Each CRD version is compiled once and cached.
 *
 * <pre>{@code
 * try (EmbeddedApiServer server = EmbeddedApiServer.builder().release(KgatewayRelease.V2_3).start();
 *      KgatewayClient kgw = KgatewayClient.builder().config(server.config()).build()) {
 *     // spec.aws.lambda.accountId (v2.4) is dropped silently, as a v2.3 cluster does
 *     Backend stored = kgw.backends().inNamespace(ns).create(lambdaWithAccountId);
 * }
 * }</pre>
 */
public final class CrdAdmission implements Admission {

    /**
     * Compiled validators by CRD version, shared by every server of the JVM (compiling the CEL rules of
     * a CRD takes seconds; validators are immutable): a replaced CRD gets a new entry.
     */
    private static final Map<Key, CrdValidator> VALIDATORS = new ConcurrentHashMap<>();

    /** Creates the admission. */
    public CrdAdmission() {
    }

    private record Key(String crd, String version, JsonNode versionSpec, boolean forStatusWrites) {
    }

    /**
     * Compiles the validators of every version of {@code crd} now, so that the first write does not
     * wait for them (compiling a CRD's CEL rules can take seconds on a loaded machine). The server
     * calls this for the CRDs it installs at start.
     *
     * @param crd a CustomResourceDefinition as a JSON tree
     */
    public void prepare(JsonNode crd) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            String version = v.path("name").asString("");
            validator(crd, version, false);
            if (v.path("subresources").has("status")) {
                validator(crd, version, true);
            }
        }
    }

    @Override
    public AdmissionResult admit(AdmissionRequest request) {
        ObjectNode object = request.object();
        String apiVersion = object.path("apiVersion").asString("");
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        CrdValidator validator = validator(request.crd(), version, "status".equals(request.subresource()));
        if (validator == null) {
            return AdmissionResult.allow(object); // a version without a schema: nothing to check
        }
        List<FieldCause> causes = new ArrayList<>();
        for (Violation v : validator.validateUpdate(object, request.oldObject())) {
            // the server drops pruned members silently, and accepts what only kgateway cannot use
            if (!ViolationTypes.PRUNED.equals(v.rule()) && v.severity() == Violation.Severity.ERROR) {
                causes.add(new FieldCause(v.path(), v.rule(), v.message()));
            }
        }
        if (!causes.isEmpty()) {
            return AdmissionResult.deny(causes);
        }
        return AdmissionResult.allow((ObjectNode) validator.withDefaults(object));
    }

    /**
     * A write to the status subresource is checked against the whole schema, status included (its
     * spec is the stored one, so ratcheting leaves it alone); a write to the resource ignores status
     * when status is a subresource.
     */
    private static CrdValidator validator(JsonNode crd, String version, boolean statusWrite) {
        JsonNode versionSpec = null;
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asString(null))) {
                versionSpec = v;
            }
        }
        if (versionSpec == null || !versionSpec.path("schema").path("openAPIV3Schema").isObject()) {
            return null;
        }
        String name = crd.path("metadata").path("name").asString("");
        if (VALIDATORS.size() > 64) {
            VALIDATORS.clear(); // CRDs replaced many times: forget the old ones
        }
        return VALIDATORS.computeIfAbsent(new Key(name, version, versionSpec, statusWrite), k -> compile(crd, k));
    }

    private static CrdValidator compile(JsonNode crd, Key key) {
        if (!key.forStatusWrites()) {
            return CrdValidator.of(crd, key.version());
        }
        ObjectNode copy = (ObjectNode) crd.deepCopy();
        for (JsonNode v : copy.path("spec").path("versions")) {
            if (key.version().equals(v.path("name").asString(null)) && v.path("subresources").isObject()) {
                ((ObjectNode) v.path("subresources")).remove("status");
            }
        }
        return CrdValidator.of(copy, key.version());
    }

    @Override
    public String toString() {
        return "CrdAdmission";
    }
}

package dev.kgateway.sdk.embeddedapiserver;

/**
 * The embedded API server's admission step for custom resources: validates (and may default or
 * prune) every create, update, patch and apply before it is stored, as kube-apiserver's CRD
 * validation and admission webhooks do. A denial becomes a 422 {@code Invalid} answer whose
 * {@code details.causes} carry the field paths; nothing is stored.
 *
 * <p>The default, {@link CrdAdmission}, prunes, defaults and validates (schema and CEL rules) against
 * the installed CRD as kube-apiserver does; {@link BackendModelAdmission} checks Backends with the
 * model's own {@code Backend.validate()} instead. Plug in another with
 * {@code @KgatewayTest(admission = MyAdmission.class)} or
 * {@code EmbeddedApiServer.builder().admission(...)}.
 *
 * <pre>{@code
 * Admission noDashes = request -> request.object().path("metadata").path("name").asString().contains("-")
 *         ? AdmissionResult.deny(new FieldCause("metadata.name", FieldCause.INVALID, "Invalid value: no dashes here"))
 *         : AdmissionResult.allow(request.object());
 * }</pre>
 */
@FunctionalInterface
public interface Admission {

    /**
     * @param request the object about to be stored, and the stored one it replaces
     * @return the object to store (the request's, or a defaulted or pruned copy), or the causes of a denial
     */
    AdmissionResult admit(AdmissionRequest request);

    /** @return an admission that accepts everything as sent */
    static Admission acceptAll() {
        return request -> AdmissionResult.allow(request.object());
    }
}

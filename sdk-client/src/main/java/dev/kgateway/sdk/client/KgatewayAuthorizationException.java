package dev.kgateway.sdk.client;

/**
 * The API server refused the request: the credentials are missing or invalid (HTTP 401) or the
 * identity lacks an RBAC permission (HTTP 403). The message names the verb, the resource and the
 * namespace that were denied, so the missing Role rule is easy to write.
 *
 * <pre>{@code
 * catch (KgatewayAuthorizationException e) {
 *     // e.getVerb() = "list", e.getResource() = "backends.gateway.kgateway.dev", e.details().namespace() = "ai"
 * }
 * }</pre>
 */
public class KgatewayAuthorizationException extends KgatewayApiException {
    private static final long serialVersionUID = 1L;

    private final String verb;
    private final String resource;

    /**
     * @param message       the whole message
     * @param code          401 or 403
     * @param verb          the Kubernetes verb ({@code get}, {@code list}, {@code create}, ...)
     * @param resource      the resource ({@code backends.gateway.kgateway.dev})
     * @param serverMessage the server's Status message, or empty
     * @param namespace     the namespace, or empty for all namespaces
     * @param name          the Backend's name, or empty
     * @param cause         the underlying failure
     */
    public KgatewayAuthorizationException(String message, int code, String verb, String resource, String serverMessage,
                                          String namespace, String name, Throwable cause) {
        super(message, code, code == 401 ? "Unauthorized" : "Forbidden", serverMessage, namespace, name, cause);
        this.verb = verb;
        this.resource = resource;
    }

    /** @return the Kubernetes verb that was denied */
    public String getVerb() {
        return verb;
    }

    /** @return the resource that was denied ({@code backends.gateway.kgateway.dev}) */
    public String getResource() {
        return resource;
    }
}

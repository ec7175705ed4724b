package dev.kgateway.sdk.client;

/**
 * The Backend does not exist (HTTP 404).
 *
 * <pre>{@code
 * try {
 *     ai.update(backend); // deleted meanwhile
 * } catch (BackendNotFoundException e) {
 *     log.info("{}/{}: {}", e.details().namespace(), e.details().name(), e.getMessage());
 * }
 * }</pre>
 */
public class BackendNotFoundException extends KgatewayApiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message       the whole message
     * @param serverMessage the server's Status message, or empty
     * @param namespace     namespace of the Backend
     * @param name          name of the Backend
     * @param cause         the underlying failure
     */
    public BackendNotFoundException(String message, String serverMessage, String namespace, String name, Throwable cause) {
        super(message, 404, "NotFound", serverMessage, namespace, name, cause);
    }
}

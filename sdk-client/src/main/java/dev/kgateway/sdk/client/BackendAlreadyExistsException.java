package dev.kgateway.sdk.client;

/**
 * A Backend with that name already exists in the namespace (HTTP 409, reason AlreadyExists).
 *
 * <pre>{@code
 * try {
 *     ai.create(backend); // created twice
 * } catch (BackendAlreadyExistsException e) {
 *     log.info("{}/{}: {}", e.getNamespace(), e.getName(), e.getMessage());
 * }
 * }</pre>
 */
public class BackendAlreadyExistsException extends KgatewayApiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message       the whole message
     * @param serverMessage the server's Status message, or empty
     * @param namespace     namespace of the Backend
     * @param name          name of the Backend
     * @param cause         the underlying failure
     */
    public BackendAlreadyExistsException(String message, String serverMessage, String namespace, String name, Throwable cause) {
        super(message, 409, "AlreadyExists", serverMessage, namespace, name, cause);
    }
}

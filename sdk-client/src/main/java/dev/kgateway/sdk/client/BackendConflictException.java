package dev.kgateway.sdk.client;

/**
 * The Backend changed on the server since it was read: its resourceVersion is stale (HTTP 409).
 * Read it again and retry, or use {@code edit(..)}, which does both for you.
 *
 * <pre>{@code
 * try {
 *     ai.update(staleCopy);
 * } catch (BackendConflictException e) {
 *     log.info("{}/{}: {}", e.details().namespace(), e.details().name(), e.getMessage());
 * }
 * }</pre>
 */
public class BackendConflictException extends KgatewayApiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message       the whole message
     * @param serverMessage the server's Status message, or empty
     * @param namespace     namespace of the Backend
     * @param name          name of the Backend
     * @param cause         the underlying failure
     */
    public BackendConflictException(String message, String serverMessage, String namespace, String name, Throwable cause) {
        super(message, 409, "Conflict", serverMessage, namespace, name, cause);
    }
}

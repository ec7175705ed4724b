package dev.kgateway.sdk;

/**
 * Root of every exception the SDK throws; all are unchecked. The model throws
 * {@code InvalidBackendException} and {@code BackendReadException}; the client adds the API errors
 * ({@code BackendNotFoundException}, {@code BackendConflictException}, ...), and reports the API
 * server's own validation failures (HTTP 422) as {@code InvalidBackendException} too, so one
 * {@code catch} covers a bad Backend whichever side found it.
 *
 * <pre>{@code
 * try {
 *     backends.create(backend);
 * } catch (KgatewayException e) {
 *     log.warn("Backend not created: {}", e.getMessage()); // messages never contain secret values
 * }
 * }</pre>
 */
public class KgatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, never containing secret values */
    public KgatewayException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, never containing secret values
     * @param cause   the underlying failure
     */
    public KgatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}

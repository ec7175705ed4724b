package dev.kgateway.sdk.model;

/**
 * Root of the unchecked exceptions of the model: invalid Backends and unreadable documents. The
 * client's {@code KgatewayException} hierarchy reuses {@link InvalidBackendException} for server-side
 * validation failures, so one {@code catch} covers both.
 */
public class KgatewayModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, never containing secret values */
    public KgatewayModelException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, never containing secret values
     * @param cause   the underlying failure
     */
    public KgatewayModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

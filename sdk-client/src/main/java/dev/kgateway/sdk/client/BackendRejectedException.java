package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;

import java.util.List;

/**
 * The API server refused a Backend as invalid (HTTP 422, reason {@code Invalid}): it breaks a rule
 * the server checks (the CRD's schema or CEL rules, an immutable field, a missing
 * {@code resourceVersion}). An {@link InvalidBackendException}, so code that catches invalid
 * Backends catches it too, that also keeps what the server said: {@link #details()} (the status code,
 * the reason, the server's message, as {@link KgatewayApiException} has them) and each of its causes
 * as a {@link Violation} (field path, cause type, message).
 *
 * <pre>{@code
 * try {
 *     ai.create(backend);
 * } catch (BackendRejectedException e) {
 *     // e.details().code() == 422; e.getViolations(): spec.static.hosts[0].port FieldValueInvalid ...
 * }
 * }</pre>
 */
public class BackendRejectedException extends InvalidBackendException implements HasApiErrorDetails {
    private static final long serialVersionUID = 1L;

    private final ApiErrorDetails details;

    /**
     * @param message    the whole message
     * @param violations the server's causes (may be empty)
     * @param details    what the server said (code 422, reason {@code Invalid}, message) and which Backend it was about
     * @param cause      the underlying failure
     */
    public BackendRejectedException(String message, List<Violation> violations, ApiErrorDetails details, Throwable cause) {
        super(message, violations);
        this.details = java.util.Objects.requireNonNull(details, "details");
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * The same as {@code BackendRejectedException(message, violations, new ApiErrorDetails(code, reason, serverMessage,
     * namespace, name), cause)}.
     *
     * @param message       the whole message
     * @param violations    the server's causes (may be empty)
     * @param code          the HTTP status code (422)
     * @param reason        the Status reason ({@code Invalid}), or empty
     * @param serverMessage the Status message, or empty
     * @param namespace     the namespace of the request
     * @param name          the Backend's name, or empty
     * @param cause         the underlying failure
     */
    public BackendRejectedException(String message, List<Violation> violations, int code, String reason, String serverMessage,
                                    String namespace, String name, Throwable cause) {
        this(message, violations, new ApiErrorDetails(code, reason, serverMessage, namespace, name), cause);
    }

    /**
     * What the server said and which Backend it refused, as {@link KgatewayApiException#details()} has it.
     * <pre>{@code
     * log.warn("{}/{} refused: {}", e.details().namespace(), e.details().name(), e.details().serverMessage());
     * }</pre>
     *
     * @return the details, never {@code null}
     */
    @Override
    public ApiErrorDetails details() {
        return details;
    }





}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;

/**
 * The API server answered a request with an error, or could not be reached ({@code details().code()}
 * is then 0). {@link #details()} keeps the HTTP status code, the server's {@code Status} reason and
 * message, and the namespace and name of the Backend the request was about. Specific cases have their own
 * subclasses: {@link BackendNotFoundException}, {@link BackendAlreadyExistsException},
 * {@link BackendConflictException}, {@link KgatewayAuthorizationException}.
 *
 * <pre>{@code
 * catch (KgatewayApiException e) {
 *     if (e.details().code() == 429) { ... back off ... }
 * }
 * }</pre>
 */
public class KgatewayApiException extends KgatewayException implements HasApiErrorDetails {
    private static final long serialVersionUID = 1L;

    private final ApiErrorDetails details;

    /**
     * @param message the whole message
     * @param details what the server said (code, reason, message) and which Backend it was about
     * @param cause   the underlying failure
     */
    public KgatewayApiException(String message, ApiErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = java.util.Objects.requireNonNull(details, "details");
    }

    /**
     * The same as {@code KgatewayApiException(message, new ApiErrorDetails(code, reason, serverMessage, namespace, name), cause)}.
     *
     * @param message       the whole message
     * @param code          HTTP status code, 0 when no response was received
     * @param reason        the Status reason ({@code NotFound}, {@code Conflict}, ...), or empty
     * @param serverMessage the Status message, or empty
     * @param namespace     namespace of the request, or empty for all namespaces
     * @param name          name of the Backend, or empty when the request named none
     * @param cause         the underlying failure
     */
    public KgatewayApiException(String message, int code, String reason, String serverMessage, String namespace, String name,
                                Throwable cause) {
        this(message, new ApiErrorDetails(code, reason, serverMessage, namespace, name), cause);
    }

    /**
     * What the server said and which Backend the request was about.
     * <pre>{@code
     * if (e.details().code() == 429) { ... back off ... }
     * }</pre>
     *
     * @return the details, never {@code null}
     */
    @Override
    public ApiErrorDetails details() {
        return details;
    }





}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;

/**
 * The API server answered a request with an error, or could not be reached ({@link #getCode()} is
 * then 0). Keeps the HTTP status code, the server's {@code Status} reason and message, and the
 * namespace and name of the Backend the request was about. Specific cases have their own
 * subclasses: {@link BackendNotFoundException}, {@link BackendAlreadyExistsException},
 * {@link BackendConflictException}, {@link KgatewayAuthorizationException}.
 *
 * <pre>{@code
 * catch (KgatewayApiException e) {
 *     if (e.getCode() == 429) { ... back off ... }
 * }
 * }</pre>
 */
public class KgatewayApiException extends KgatewayException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final String serverMessage;
    private final String namespace;
    private final String name;

    /**
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
        super(message, cause);
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
        this.namespace = namespace == null ? "" : namespace;
        this.name = name == null ? "" : name;
    }

    /** @return the HTTP status code, or 0 when the server could not be reached */
    public int getCode() {
        return code;
    }

    /** @return the machine-readable reason of the server's Status ({@code Conflict}), or empty */
    public String getReason() {
        return reason;
    }

    /** @return the server's Status message, or empty */
    public String getServerMessage() {
        return serverMessage;
    }

    /** @return namespace of the request, or empty when it spanned all namespaces */
    public String getNamespace() {
        return namespace;
    }

    /** @return name of the Backend, or empty when the request named none */
    public String getName() {
        return name;
    }
}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;

import java.util.List;

/**
 * The API server refused a Backend as invalid (HTTP 422, reason {@code Invalid}): it breaks a rule
 * the server checks (the CRD's schema or CEL rules, an immutable field, a missing
 * {@code resourceVersion}). An {@link InvalidBackendException}, so code that catches invalid
 * Backends catches it too, that also keeps what the server said: the status code, the reason, the
 * server's message and each of its causes as a {@link Violation} (field path, cause type, message).
 *
 * <pre>{@code
 * try {
 *     ai.create(backend);
 * } catch (BackendRejectedException e) {
 *     // e.getCode() == 422; e.getViolations(): spec.static.hosts[0].port FieldValueInvalid ...
 * }
 * }</pre>
 */
public class BackendRejectedException extends InvalidBackendException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final String serverMessage;
    private final String namespace;
    private final String name;

    /**
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
        super(message, violations);
        this.code = code;
        this.reason = reason == null ? "" : reason;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
        this.namespace = namespace == null ? "" : namespace;
        this.name = name == null ? "" : name;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** @return the HTTP status code (422) */
    public int getCode() {
        return code;
    }

    /** @return the Status reason ({@code Invalid}), or empty */
    public String getReason() {
        return reason;
    }

    /** @return the server's Status message, or empty */
    public String getServerMessage() {
        return serverMessage;
    }

    /** @return the namespace of the request */
    public String getNamespace() {
        return namespace;
    }

    /** @return the Backend's name, or empty when the request named none */
    public String getName() {
        return name;
    }
}

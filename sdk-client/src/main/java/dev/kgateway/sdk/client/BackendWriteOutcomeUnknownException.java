package dev.kgateway.sdk.client;

/**
 * The answer to a write was lost (a dropped connection, a 500 or 504 after the request reached the
 * server), and the stored Backend has changed since it was read: the write may have landed, or
 * someone else's may have. The SDK does not guess, because repeating a change that landed applies it
 * twice, and reporting a change that did not land as done loses it. client-go returns the error in
 * the same case. Read the Backend and decide; {@link #getCode()} is 0.
 *
 * <pre>{@code
 * try {
 *     ai.edit("counter", b -> increment(b));
 * } catch (BackendWriteOutcomeUnknownException e) {
 *     Backend now = ai.require("counter");       // did my increment land? look, then decide
 * }
 * }</pre>
 */
public class BackendWriteOutcomeUnknownException extends KgatewayApiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message   the whole message
     * @param namespace namespace of the Backend
     * @param name      name of the Backend
     * @param cause     the failure that lost the answer
     */
    public BackendWriteOutcomeUnknownException(String message, String namespace, String name, Throwable cause) {
        super(message, 0, "OutcomeUnknown", "", namespace, name, cause);
    }
}

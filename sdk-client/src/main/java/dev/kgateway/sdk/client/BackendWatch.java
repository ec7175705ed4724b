package dev.kgateway.sdk.client;

/**
 * A running watch; close it to stop receiving events.
 *
 * <pre>{@code
 * try (BackendWatch watch = ai.watch(event -> queue.add(event))) {
 *     ...
 * }
 * }</pre>
 */
public interface BackendWatch extends AutoCloseable {

    /** @return how many times the watch re-listed after HTTP 410 Gone */
    int relistCount();

    /** @return whether it still delivers events */
    boolean isOpen();

    /** Stops the watch; no event is delivered after this returns. Idempotent. */
    @Override
    void close();
}

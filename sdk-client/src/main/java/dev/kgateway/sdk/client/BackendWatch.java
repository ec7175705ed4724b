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

    /**
     * Stops the watch; no listener call starts after this returns, and a call in progress on another
     * thread has ended by then (called from the listener itself, it returns at once). Idempotent.
     */
    @Override
    void close();
}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;

/**
 * Receives the events of a {@link BackendWatch}, one at a time, in the order the server sent them.
 *
 * <p>Dropped connections are resumed from the last seen resourceVersion, so nothing is missed or
 * repeated. When the server has expired that resourceVersion (HTTP 410 Gone), the watch lists the
 * Backends again, delivers the difference as {@link BackendEvent#fromRelist() fromRelist} events
 * (ADDED, MODIFIED, DELETED), calls {@link #onRelist(int)}, and goes on watching. A re-list that
 * fails is repeated with backoff until it succeeds or the watch is closed (each failure is reported to
 * {@link #onError(KgatewayException)}); only an answer that repeating cannot change (403, 404, ...)
 * ends the watch, through {@link #onClose(KgatewayException)}. An event that cannot be read as a
 * Backend is skipped and reported to {@link #onError(KgatewayException)} as an
 * {@link UndecodableEventException}; the watch goes on after it.
 *
 * <p>All methods run on the watch's own thread, one at a time. The watch hands the listener at most
 * a small fixed number of events ahead; while the listener is busy it reads no more from the
 * connection, so a slow listener slows the watch down instead of filling memory.
 *
 * <pre>{@code
 * BackendWatch watch = ai.watch(new BackendWatchListener() {
 *     public void onEvent(BackendEvent e) { System.out.println(e.type() + " " + e.backend().getMetadata().getName()); }
 *     public void onRelist(int count) { System.out.println("re-listed " + count + " Backends"); }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface BackendWatchListener {

    /** @param event the next event; never null */
    void onEvent(BackendEvent event);

    /**
     * Called after a re-list caused by HTTP 410 Gone, once the difference was delivered.
     *
     * @param backendCount how many Backends the re-list returned
     */
    default void onRelist(int backendCount) {
    }

    /**
     * Called when the watch met a problem it recovers from by itself: an event it skipped because it
     * could not be read ({@link UndecodableEventException}), or a re-list that failed and will be
     * repeated after a backoff. The default does nothing (the SDK logs it at WARN).
     *
     * @param error what went wrong; its message holds no secret values
     */
    default void onError(KgatewayException error) {
    }

    /**
     * Called once when the watch ends for good without the caller closing it: the server refused a
     * re-list or watch with an answer that repeating cannot change (401, 403, 404, ...), or the
     * client underneath was closed.
     *
     * @param cause why it ended
     */
    default void onClose(KgatewayException cause) {
    }
}

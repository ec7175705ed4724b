package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;

/**
 * Receives the events of a {@link BackendWatch}, one at a time, in the order the server sent them.
 *
 * <p>Dropped connections are resumed from the last seen resourceVersion, so nothing is missed or
 * repeated. When the server has expired that resourceVersion (HTTP 410 Gone), the watch lists the
 * Backends again, delivers the difference as {@link BackendEvent#fromRelist() fromRelist} events
 * (ADDED, MODIFIED, DELETED), calls {@link #onRelist(int)}, and goes on watching.
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
     * Called once when the watch ends for good without the caller closing it (the server refused
     * it, or it could not be resumed).
     *
     * @param cause why it ended
     */
    default void onClose(KgatewayException cause) {
    }
}

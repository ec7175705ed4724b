package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;

/**
 * Receives the changes an informer applies to its cache. Methods run on the informer's own thread,
 * one at a time; keep them short.
 *
 * <pre>{@code
 * kgw.backends().inAnyNamespace().inform(new BackendEventHandler() {
 *     public void onAdd(Backend b) { routes.add(b); }
 *     public void onDelete(Backend b, boolean finalStateUnknown) { routes.remove(b); }
 * });
 * }</pre>
 */
public interface BackendEventHandler {

    /** @param backend a Backend that entered the cache */
    default void onAdd(Backend backend) {
    }

    /**
     * Also called on every resync, with equal old and new values.
     *
     * @param oldBackend the cached value before
     * @param newBackend the cached value now
     */
    default void onUpdate(Backend oldBackend, Backend newBackend) {
    }

    /**
     * @param backend           the last known value
     * @param finalStateUnknown {@code true} when the deletion was noticed by a re-list, so the
     *                          value may be older than the deleted object
     */
    default void onDelete(Backend backend, boolean finalStateUnknown) {
    }
}

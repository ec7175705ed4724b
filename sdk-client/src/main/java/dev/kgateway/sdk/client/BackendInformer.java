package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A local cache of Backends kept equal to the server's state by a list and a watch, re-listed after
 * the server expires the watch (HTTP 410) and after dropped connections. Reads never touch the
 * network.
 *
 * <pre>{@code
 * try (BackendInformer cache = kgw.backends().inAnyNamespace().inform(handler)) {
 *     cache.waitUntilSynced(Duration.ofSeconds(10));
 *     Optional<Backend> b = cache.get("ai", "openai");
 * }
 * }</pre>
 */
public interface BackendInformer extends AutoCloseable {

    /** @return every cached Backend */
    List<Backend> list();

    /** @return the cached Backends of one namespace */
    List<Backend> list(String namespace);

    /** @return the cached Backend, or empty */
    Optional<Backend> get(String namespace, String name);

    /** @return whether the first list has filled the cache */
    boolean hasSynced();

    /**
     * Blocks until the first list has filled the cache.
     *
     * @param timeout how long to wait at most
     * @return whether it synced in time
     */
    boolean waitUntilSynced(Duration timeout);

    /** @return the resourceVersion the cache reflects, or empty before the first sync */
    String lastSyncResourceVersion();

    /** Stops the informer; the handler gets no more calls. Idempotent. */
    @Override
    void close();
}

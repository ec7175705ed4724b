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
 * <p>A list or watch that fails is repeated with backoff (the client's watch reconnect interval,
 * doubling up to 32 times it), before the first sync too: a 429 from API Priority and Fairness, a 503
 * or a reset connection during an API server rollout only delay the sync. An answer that repeating
 * cannot change (401, 403, 404 when the CRD is not installed, ...) stops the informer: it is then
 * {@linkplain #isRunning() not running}, {@link #lastError()} holds the cause, and
 * {@link #waitUntilSynced(Duration)} throws it.
 *
 * <p>The first list is served from the API server's watch cache ({@code resourceVersion=0}, unpaged),
 * as client-go's informers do, so starting an informer does not read etcd; the watch then brings the
 * cache up to date. Re-lists after an expired watch read etcd (a cached answer could be older than
 * what the cache already holds). A {@link dev.kgateway.sdk.client.ListOptions#pageSize() page size}
 * other than the default asks for a paged first list from etcd instead.
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
     * Blocks until the first list has filled the cache. Failures that the informer retries (429,
     * 5xx, lost connections) only make it wait longer.
     *
     * @param timeout how long to wait at most
     * @return whether it synced in time; {@code false} also when it was closed first or the thread was interrupted
     * @throws dev.kgateway.sdk.KgatewayException when the informer stopped for good before its first sync (such as a
     *                              {@link KgatewayAuthorizationException} for a 403, or a {@link BackendNotFoundException}
     *                              when the CRD is not installed); the same as {@link #lastError()}
     */
    boolean waitUntilSynced(Duration timeout);

    /**
     * @return whether the informer still keeps its cache up to date (or is trying to, with backoff):
     *         {@code false} once closed or stopped by an error it does not retry
     */
    boolean isRunning();

    /**
     * @return the latest failure of a list or watch, retried or not ({@code Optional.empty()} when
     *         none happened); when {@link #isRunning()} is {@code false} and the informer was not
     *         closed, the failure that stopped it
     */
    Optional<dev.kgateway.sdk.KgatewayException> lastError();

    /** @return the resourceVersion the cache reflects, or empty before the first sync */
    String lastSyncResourceVersion();

    /** Stops the informer; the handler gets no more calls. Idempotent. */
    @Override
    void close();
}

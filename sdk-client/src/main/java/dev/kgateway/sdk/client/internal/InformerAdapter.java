package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fabric8 informer seen through the model: its cache holds the decoded Backends as they are.
 *
 * <p>fabric8's informers retry a failed list or watch only after the first sync, and stop for good
 * on any failure before it; this one retries every failure that repeating can help with
 * ({@link WatchFailures#terminal}), before the first sync too, with fabric8's capped exponential
 * backoff, and keeps the failure that stopped it.
 */
final class InformerAdapter implements BackendInformer {

    private static final Logger LOG = LoggerFactory.getLogger(InformerAdapter.class);

    private final SharedIndexInformer<BackendResource> informer;
    private final ClientContext context;
    private final Call call;
    private volatile CompletableFuture<Void> started;
    private volatile KgatewayException lastError;
    /** The failure that stopped the informer, or {@code null}. */
    private volatile KgatewayException stoppedBy;
    private volatile boolean closed;

    InformerAdapter(SharedIndexInformer<BackendResource> informer, BackendEventHandler handler, ClientContext context, Call call) {
        this.informer = informer;
        this.context = context;
        this.call = call;
        informer.exceptionHandler(this::retryAfter);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(BackendResource obj) {
                safely(() -> handler.onAdd(obj.backend()));
            }

            @Override
            public void onUpdate(BackendResource oldObj, BackendResource newObj) {
                safely(() -> handler.onUpdate(oldObj.backend(), newObj.backend()));
            }

            @Override
            public void onDelete(BackendResource obj, boolean deletedFinalStateUnknown) {
                safely(() -> handler.onDelete(obj.backend(), deletedFinalStateUnknown));
            }
        });
    }

    void start() {
        started = informer.start().toCompletableFuture();
    }

    /** fabric8's question after a failed list or watch: try again (after its backoff)? */
    private boolean retryAfter(boolean syncedBefore, Throwable failure) {
        KgatewayException mapped = WatchFailures.map(failure, failure instanceof WatcherException
                ? new Call("watch", call.resource(), call.namespace(), call.name(), true) : call);
        lastError = mapped;
        if (closed) {
            return false;
        }
        if (WatchFailures.terminal(failure)) {
            stoppedBy = mapped;
            LOG.warn("Backend informer stopped: {}", mapped.getMessage());
            return false;
        }
        LOG.warn("Backend informer {}: {}; retrying with backoff", syncedBefore ? "lost its watch" : "could not list", mapped.getMessage());
        return true;
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Backend informer handler threw {}; the informer goes on", e.getClass().getName());
        }
    }

    @Override
    public List<Backend> list() {
        return informer.getStore().list().stream().map(BackendResource::backend).toList();
    }

    @Override
    public List<Backend> list(String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream().map(BackendResource::backend).toList();
    }

    @Override
    public Optional<Backend> get(String namespace, String name) {
        return Optional.ofNullable(informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name))).map(BackendResource::backend);
    }

    @Override
    public boolean hasSynced() {
        return informer.hasSynced();
    }

    @Override
    public boolean waitUntilSynced(Duration timeout) {
        try {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return informer.hasSynced();
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            KgatewayException cause = stoppedBy;
            if (cause != null) {
                throw cause;
            }
            return false; // closed before the first sync
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean isRunning() {
        return !closed && stoppedBy == null && !informer.stopped().toCompletableFuture().isDone() && !context.fabric8Closed();
    }

    @Override
    public Optional<KgatewayException> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public String lastSyncResourceVersion() {
        String version = informer.lastSyncResourceVersion();
        return version == null ? "" : version;
    }

    @Override
    public void close() {
        closed = true;
        informer.close();
        context.untrack(this);
    }
}

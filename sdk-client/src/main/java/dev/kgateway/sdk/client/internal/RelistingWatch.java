package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A watch that survives the server expiring its resourceVersion. fabric8 resumes dropped
 * connections from the last resourceVersion by itself; on HTTP 410 Gone this class lists again,
 * delivers the difference to what the listener has seen as events, and watches on from the new
 * list. Everything the listener sees runs on one thread per watch, in order.
 */
final class RelistingWatch implements BackendWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RelistingWatch.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final BackendCollection collection;
    private final ListOptions options;
    private final BackendWatchListener listener;
    private final ExecutorService events;
    /** What the listener has seen, by namespace/name; only touched on the events thread. */
    private final Map<String, Backend> seen = new HashMap<>();
    private final AtomicInteger relists = new AtomicInteger();
    private volatile boolean open = true;
    private volatile Watch current;

    RelistingWatch(BackendCollection collection, ListOptions options, BackendWatchListener listener) {
        this.collection = collection;
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kgateway-watch-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Lists (to learn the current resourceVersion and state) and starts watching from there. */
    void start() {
        try {
            BackendCollection.Snapshot snapshot = collection.snapshot(options);
            for (Backend b : snapshot.backends()) {
                seen.put(key(b), b);
            }
            connect(snapshot.resourceVersion());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect(String resourceVersion) {
        Call call = Call.read("watch", collection.namespace, null);
        Watch watch = collection.context.executor().execute(call, () -> collection.scope(options).watch(new ListOptionsBuilder()
                .withResourceVersion(resourceVersion)
                .withAllowWatchBookmarks(true)
                .build(), new Forwarder()));
        current = watch;
        if (!open) {
            // closed while connecting (by the listener during a re-list, or by another thread):
            // close() may have seen the previous watch only
            closeQuietly(watch);
        }
    }

    /** Receives fabric8's callbacks and hands them to the events thread. */
    private final class Forwarder implements Watcher<BackendResource> {
        @Override
        public void eventReceived(Action action, BackendResource resource) {
            submit(() -> deliver(action, resource.backend()));
        }

        @Override
        public void onClose(WatcherException cause) {
            if (cause.isHttpGone()) {
                submit(RelistingWatch.this::relist);
            } else {
                submit(() -> fail(new KgatewayApiException("watch ended: " + cause.getMessage(), 0, "", "",
                        Objects.toString(collection.namespace, ""), "", cause)));
            }
        }

        @Override
        public void onClose() {
            // closed by us
        }
    }

    private void submit(Runnable task) {
        if (!open) {
            return;
        }
        try {
            events.execute(() -> {
                if (open) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException closedMeanwhile) {
            // close() won the race; nothing to deliver
        }
    }

    private void deliver(Watcher.Action action, Backend backend) {
        switch (action) {
            case ADDED, MODIFIED -> {
                Backend previous = seen.put(key(backend), backend);
                if (previous != null && Objects.equals(resourceVersion(previous), resourceVersion(backend))) {
                    return; // already delivered (or part of the initial list): a replay, not a change
                }
                BackendEvent.Type type = action == Watcher.Action.ADDED || previous == null ? BackendEvent.Type.ADDED : BackendEvent.Type.MODIFIED;
                notify(new BackendEvent(type, backend, false));
            }
            case DELETED -> {
                seen.remove(key(backend));
                notify(new BackendEvent(BackendEvent.Type.DELETED, backend, false));
            }
            default -> {
                // BOOKMARK and ERROR carry no Backend change; fabric8 tracks the resourceVersion itself
            }
        }
    }

    /** After 410 Gone: list again, deliver what changed meanwhile, and watch on from the new list. */
    private void relist() {
        Watch old = current;
        if (old != null) {
            old.close();
        }
        BackendCollection.Snapshot snapshot;
        try {
            snapshot = collection.snapshot(options);
        } catch (KgatewayException e) {
            fail(e);
            return;
        }
        Set<String> present = new HashSet<>();
        for (Backend b : snapshot.backends()) {
            String key = key(b);
            present.add(key);
            Backend previous = seen.put(key, b);
            if (previous == null) {
                notify(new BackendEvent(BackendEvent.Type.ADDED, b, true));
            } else if (!Objects.equals(resourceVersion(previous), resourceVersion(b))) {
                notify(new BackendEvent(BackendEvent.Type.MODIFIED, b, true));
            }
        }
        for (var it = seen.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!present.contains(entry.getKey())) {
                it.remove();
                notify(new BackendEvent(BackendEvent.Type.DELETED, entry.getValue(), true));
            }
        }
        if (!open) {
            return;
        }
        relists.incrementAndGet();
        LOG.debug("watch re-listed {} Backends after 410 Gone", snapshot.backends().size());
        safely(() -> listener.onRelist(snapshot.backends().size()));
        if (!open) {
            return;
        }
        try {
            connect(snapshot.resourceVersion());
        } catch (KgatewayException e) {
            fail(e);
        }
    }

    private void notify(BackendEvent event) {
        // a re-list delivers many events from one task; the listener may close the watch in between
        if (open) {
            safely(() -> listener.onEvent(event));
        }
    }

    private void fail(KgatewayException cause) {
        if (!open) {
            return;
        }
        close();
        safely(() -> listener.onClose(cause));
    }

    /** A listener that throws must not stop the watch. */
    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Backend watch listener threw {}; the watch goes on", e.getClass().getName());
        }
    }

    private static String resourceVersion(Backend b) {
        return b.getMetadata() == null ? null : b.getMetadata().getResourceVersion();
    }

    private static String key(Backend b) {
        return b.getMetadata() == null ? "/" : b.getMetadata().getNamespace() + "/" + b.getMetadata().getName();
    }

    private static void closeQuietly(Watch watch) {
        try {
            watch.close();
        } catch (KubernetesClientException e) {
            LOG.debug("closing the fabric8 watch failed: HTTP {}", e.getCode());
        }
    }

    @Override
    public int relistCount() {
        return relists.get();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        Watch w = current;
        if (w != null) {
            closeQuietly(w);
        }
        events.shutdown();
        collection.context.untrack(this);
    }
}

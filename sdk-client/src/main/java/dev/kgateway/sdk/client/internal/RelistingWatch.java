package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.UndecodableEventException;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A watch that survives the server expiring its resourceVersion. fabric8 resumes dropped
 * connections from the last resourceVersion by itself; on HTTP 410 Gone this class lists again
 * (with backoff until it succeeds or the watch is closed), delivers the difference to what the
 * listener has seen as events, and watches on from the new list. An event fabric8 cannot decode is
 * skipped and reported; the watch goes on from that event's resourceVersion.
 *
 * <p>Everything the listener sees runs on one thread per watch, in order. fabric8 hands each event
 * over on its own per-watch thread, which blocks while {@link #BUFFER} events wait for the listener;
 * fabric8 asks the connection for the next frame only after that hand-over, so a slow listener stops
 * the reading instead of letting events pile up in memory.
 *
 * <p>For the difference after a re-list the watch remembers, per Backend, only its uid and
 * resourceVersion ({@link Seen}), not the Backend.
 */
final class RelistingWatch implements BackendWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RelistingWatch.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Events decoded and waiting for the listener, at most. */
    static final int BUFFER = 64;
    /** How often a blocked hand-over looks whether the watch was closed meanwhile. */
    private static final long HANDOFF_CHECK_MILLIS = 50;
    /** How often an idle events thread looks whether the fabric8 client was closed. */
    private static final long IDLE_CHECK_MILLIS = 500;

    private final AbstractBackendCollectionClient collection;
    private final ListOptions options;
    private final BackendWatchListener listener;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(BUFFER);
    private final Thread thread;
    /** Held around every listener call; {@link #close()} takes it to wait for a call in progress. */
    private final ReentrantLock callback = new ReentrantLock();
    private final CountDownLatch closedSignal = new CountDownLatch(1);
    /** What the listener has seen, by namespace/name; only touched on the events thread (and by start before it). */
    private final Map<String, Seen> seen = new HashMap<>();
    private final AtomicInteger relists = new AtomicInteger();
    /** Events fabric8 handed over, for tests of the bound. */
    private final AtomicInteger received = new AtomicInteger();
    private volatile boolean open = true;
    /** When the last probe of a reconnecting watch ran ({@link System#nanoTime()}), at most one per {@link #PROBE_INTERVAL}. */
    private final java.util.concurrent.atomic.AtomicLong lastProbe = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - PROBE_INTERVAL.toNanos());
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    /** fabric8's reconnect attempts since the last event. */
    private final java.util.concurrent.atomic.AtomicInteger reconnects = new java.util.concurrent.atomic.AtomicInteger();
    /** The fabric8 watch in use and its forwarder; replaced under {@code this}. */
    private Watch current;
    private Forwarder currentForwarder;

    /** What a re-list compares: the Backend's identity and version. */
    private record Seen(String namespace, String name, String uid, String resourceVersion) {
        static Seen of(Backend b) {
            return b.getMetadata() == null ? new Seen(null, null, null, null)
                    : new Seen(b.getMetadata().getNamespace(), b.getMetadata().getName(), b.getMetadata().getUid(),
                    b.getMetadata().getResourceVersion());
        }

        /** The Backend as far as the watch remembers it: its metadata, for a DELETED found by a re-list. */
        Backend stub() {
            return Backend.builder().apiVersion(Backend.API_VERSION).kind(Backend.KIND)
                    .metadata(m -> m.namespace(namespace).name(name).uid(uid).resourceVersion(resourceVersion))
                    .build();
        }
    }

    RelistingWatch(AbstractBackendCollectionClient collection, ListOptions options, BackendWatchListener listener) {
        this.collection = collection;
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = new Thread(this::runEvents, "kgateway-watch-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    /** Lists (to learn the current resourceVersion and state) and starts watching from there. */
    void start() {
        thread.start();
        try {
            AbstractBackendCollectionClient.Snapshot snapshot = collection.snapshot(options);
            for (Backend b : snapshot.backends()) {
                seen.put(key(b), Seen.of(b));
            }
            connect(snapshot.resourceVersion());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (!open) {
            throw new IllegalStateException("the KgatewayClient was closed while the watch started");
        }
    }

    /**
     * The events thread: runs hand-overs in order until the watch is closed. While idle it looks
     * every {@link #IDLE_CHECK_MILLIS} ms whether the fabric8 client was closed under the watch.
     */
    private void runEvents() {
        try {
            while (open) {
                Runnable task = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (task == null && collection.context.fabric8Closed()) {
                    end(fabric8ClosedUnderneath());
                } else if (task != null && open) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warn("Backend watch task failed: {}", e.getClass().getName());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.clear();
        }
    }

    private void connect(String resourceVersion) {
        Call call = Call.read("watch", collection.namespace, null);
        Forwarder forwarder = new Forwarder();
        Watch watch = collection.context.executor().execute(call, () -> collection.scope(options).watch(new ListOptionsBuilder()
                .withResourceVersion(resourceVersion)
                .withAllowWatchBookmarks(true)
                .build(), forwarder));
        synchronized (this) {
            current = watch;
            currentForwarder = forwarder;
        }
        if (!open) {
            // closed while connecting (by the listener during a re-list, or by another thread):
            // close() may have seen the previous watch only
            forwarder.retired = true;
            closeQuietly(watch);
        }
    }

    /** Closes the fabric8 watch in use; its forwarder hands nothing more over. */
    private void retireCurrent() {
        Watch w;
        synchronized (this) {
            w = current;
            if (currentForwarder != null) {
                currentForwarder.retired = true;
            }
            current = null;
            currentForwarder = null;
        }
        if (w != null) {
            closeQuietly(w);
        }
    }

    /** Receives fabric8's callbacks, on fabric8's per-watch thread, and hands them to the events thread. */
    private final class Forwarder implements Watcher<BackendResource> {
        /** Set when this class closed the fabric8 watch itself (re-list, skip, close). */
        volatile boolean retired;

        @Override
        public void eventReceived(Action action, BackendResource resource) {
            received.incrementAndGet();
            reconnects.set(0);
            handOff(this, () -> deliver(action, resource.backend()));
        }

        @Override
        public void onClose(WatcherException cause) {
            if (cause.isHttpGone()) {
                handOff(this, () -> relist("gone"));
            } else if (cause.getRawWatchMessage().isPresent()) {
                handOff(this, () -> skip(cause));
            } else {
                handOff(this, () -> end(WatchFailures.map(cause, Call.read("watch", collection.namespace, null))));
            }
        }

        @Override
        public void onClose() {
            if (!retired) {
                // not closed by this class: fabric8 stops a watch like this when its client was closed
                handOff(this, () -> end(fabric8ClosedUnderneath()));
            }
        }

        @Override
        public boolean reconnecting() {
            // fabric8 reconnects for ever whatever the server answers (401, 403 once RBAC changed, 404 once the CRD
            // is gone): ask the server ourselves, now and then, whether watching can still work
            // (from the second attempt in a row: a first reconnect is the normal case and needs no check)
            long now = System.nanoTime();
            long last = lastProbe.get();
            if (open && reconnects.incrementAndGet() > 1 && now - last >= PROBE_INTERVAL.toNanos() && lastProbe.compareAndSet(last, now)) {
                handOff(this, RelistingWatch.this::probe);
            }
            // fabric8 gives up reconnecting after its limit unless told that we go on: we do, as long as we are open
            return open;
        }
    }

    /**
     * Waits for room in the queue (so fabric8 reads no further frame meanwhile); gives up when the
     * watch is closed or {@code from} was retired.
     */
    private void handOff(Forwarder from, Runnable task) {
        try {
            while (open && !from.retired) {
                if (queue.offer(() -> {
                    if (!from.retired) {
                        task.run();
                    }
                }, HANDOFF_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // fabric8 interrupts its thread when it shuts the watch down
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Watcher.Action action, Backend backend) {
        String key = key(backend);
        switch (action) {
            case ADDED, MODIFIED -> {
                Seen previous = seen.put(key, Seen.of(backend));
                if (previous != null && Objects.equals(previous.resourceVersion(), resourceVersion(backend))) {
                    return; // already delivered (or part of the initial list): a replay, not a change
                }
                BackendEvent.Type type = action == Watcher.Action.ADDED || previous == null ? BackendEvent.Type.ADDED : BackendEvent.Type.MODIFIED;
                notify(new BackendEvent(type, backend, false));
            }
            case DELETED -> {
                if (seen.remove(key) == null) {
                    return; // its deletion was delivered already (a replay, or found by a re-list)
                }
                notify(new BackendEvent(BackendEvent.Type.DELETED, backend, false));
            }
            default -> {
                // BOOKMARK carries no change: fabric8 resumes from its resourceVersion by itself
            }
        }
    }

    private static KgatewayException fabric8ClosedUnderneath() {
        return new KgatewayException("watch of Backends ended: the fabric8 client underneath was closed");
    }

    /**
     * After 410 Gone: list again until that succeeds (with backoff, until closed), deliver what
     * changed meanwhile, and watch on from the new list.
     */
    private void relist(String reason) {
        retireCurrent();
        for (int attempt = 1; open; attempt++) {
            try {
                AbstractBackendCollectionClient.Snapshot snapshot = collection.snapshot(options);
                deliverDifference(snapshot);
                if (!open) {
                    return;
                }
                relists.incrementAndGet();
                collection.context.listener().onRelist(reason);
                LOG.debug("watch re-listed {} Backends after 410 Gone", snapshot.backends().size());
                call(() -> listener.onRelist(snapshot.backends().size()));
                if (open) {
                    collection.context.listener().onWatchReconnect();
                    connect(snapshot.resourceVersion());
                }
                return;
            } catch (RuntimeException failure) {
                if (!open) {
                    return;
                }
                if (collection.context.fabric8Closed()) {
                    // the list failed because the client went away: say that, not how the list failed
                    end(fabric8ClosedUnderneath());
                    return;
                }
                KgatewayException e = failure instanceof KgatewayException k ? k
                        : new KgatewayException("re-list of Backends failed: " + failure.getClass().getName(), failure);
                if (WatchFailures.terminal(e) || collection.context.closed()) {
                    end(e);
                    return;
                }
                Duration delay = RequestExecutor.jitter(collection.context.executor().policy().backoff(attempt));
                LOG.warn("Backend watch could not re-list ({}); retrying in {} ms", e.getMessage(), delay.toMillis());
                call(() -> listener.onError(e));
                if (awaitClose(delay)) {
                    return;
                }
            }
        }
    }

    private void deliverDifference(AbstractBackendCollectionClient.Snapshot snapshot) {
        Set<String> present = new HashSet<>();
        for (Backend b : snapshot.backends()) {
            String key = key(b);
            present.add(key);
            Seen previous = seen.put(key, Seen.of(b));
            if (previous == null) {
                notify(new BackendEvent(BackendEvent.Type.ADDED, b, true));
            } else if (previous.uid() != null && b.getMetadata().getUid() != null && !previous.uid().equals(b.getMetadata().getUid())) {
                // deleted and created again under the same name while the watch was expired
                notify(new BackendEvent(BackendEvent.Type.DELETED, previous.stub(), true));
                notify(new BackendEvent(BackendEvent.Type.ADDED, b, true));
            } else if (!Objects.equals(previous.resourceVersion(), resourceVersion(b))) {
                notify(new BackendEvent(BackendEvent.Type.MODIFIED, b, true));
            }
        }
        for (var it = seen.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!present.contains(entry.getKey())) {
                it.remove();
                notify(new BackendEvent(BackendEvent.Type.DELETED, entry.getValue().stub(), true));
            }
        }
    }

    /** An event fabric8 could not decode: report it, and watch on from its resourceVersion (or re-list without one). */
    private void skip(WatcherException cause) {
        UndecodableEventException event = UndecodableEvents.describe(cause);
        LOG.warn("{}", event.getMessage());
        call(() -> listener.onError(event));
        if (!open) {
            return;
        }
        retireCurrent();
        if (event.getResourceVersion().isEmpty()) {
            relist("undecodable"); // nowhere to go on from: list again
            return;
        }
        try {
            collection.context.listener().onWatchReconnect();
            connect(event.getResourceVersion());
        } catch (KgatewayException e) {
            if (WatchFailures.terminal(e)) {
                end(e);
            } else {
                relist("undecodable");
            }
        }
    }

    /**
     * While fabric8 reconnects: a one-item list, as the watch's user, tells whether the server still lets
     * it watch. An answer that repeating cannot change (401, 403, 404) ends the watch with it; anything
     * else lets fabric8 go on reconnecting.
     */
    private void probe() {
        if (!open) {
            return;
        }
        try {
            collection.context.executor().execute(Call.read("list", collection.namespace, null),
                    () -> collection.scope(options).list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build()));
        } catch (KgatewayApiException e) {
            // only an answer of the server ends the watch here: the connection troubles of a reconnect do not
            if (e.details().code() == 401 || e.details().code() == 403 || e.details().code() == 404) {
                end(e);
            }
        } catch (RuntimeException e) {
            // anything else: fabric8 goes on reconnecting
        }
    }

    /** Ends the watch for good and tells the listener why. */
    private void end(KgatewayException cause) {
        if (!open) {
            return;
        }
        LOG.warn("Backend watch ended: {}", cause.getMessage());
        close();
        // after close: the listener is told once, on the events thread
        callback.lock();
        try {
            callbackUnchecked(() -> listener.onClose(cause));
        } finally {
            callback.unlock();
        }
    }

    private void notify(BackendEvent event) {
        // a re-list delivers many events from one task; the listener may close the watch in between
        call(() -> listener.onEvent(event));
    }

    /** Calls the listener unless the watch is closed; a listener that throws does not stop the watch. */
    private void call(Runnable call) {
        callback.lock();
        try {
            if (open) {
                callbackUnchecked(call);
            }
        } finally {
            callback.unlock();
        }
    }

    private static void callbackUnchecked(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Backend watch listener threw {}; the watch goes on", e.getClass().getName());
        }
    }

    /** @return whether the watch was closed within {@code delay} */
    private boolean awaitClose(Duration delay) {
        try {
            return closedSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
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

    /** @return events fabric8 handed over so far (tests measure the bound with it) */
    int receivedEvents() {
        return received.get();
    }

    /** @return events handed over and waiting for the listener */
    int queuedEvents() {
        return queue.size();
    }

    /** @return the thread that calls the listener */
    Thread eventsThread() {
        return thread;
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
        boolean first;
        synchronized (this) {
            first = open;
            open = false;
        }
        if (first) {
            closedSignal.countDown();
            retireCurrent();
            queue.clear();
            collection.context.untrack(this);
        }
        if (Thread.currentThread() != thread) {
            // a listener call in progress ends before close returns
            callback.lock();
            callback.unlock();
        }
    }
}

package dev.kgateway.sdk.client.reliability;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import dev.kgateway.sdk.client.ForwardingWebSocketListener;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * fabric8's CRUD mock server, made to resume watches as a real API server does. Stock, a watch
 * started from a resourceVersion is sent the current objects as ADDED and then live events: a
 * client that reconnects after a dropped connection never learns of objects deleted meanwhile.
 * This dispatcher keeps the history of events (as the API server's watch cache does) and replays
 * to a watch everything after its resourceVersion, in order, instead of the snapshot; a deletion
 * gets its own resourceVersion, as on a real server.
 *
 * <p>{@link #expireNextWatch} makes the next watch request matching a predicate fail as a real
 * server does when the resourceVersion is older than its watch cache: a 200 answer whose first
 * event is an ERROR holding a Status with code 410 (reason Expired). {@link #failNext} answers the
 * next matching requests with an HTTP error instead of handling them.
 *
 * <p>It also fixes three faults of the stock mock that show under cut connections: its watch
 * listener closes on the server's event loop and blocks it for up to a minute; a closing listener
 * stays in the set of listeners after its sender is shut down, so a write sending to it failed and
 * skipped every other listener (all watches missed that event); and when a watch opens, events of
 * concurrent writes can overtake the events queued for it before (a client saw a deletion after the
 * re-creation that followed it). See {@link OffLoopClose}; opening a resumed watch, a listener
 * leaving, and sending a write's events exclude each other.
 *
 * <p>The mock's classes for watches are package-private; they are reached by reflection.
 */
final class ReliabilityCrudDispatcher extends KubernetesCrudDispatcher {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GONE = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"too old resource version\",\"reason\":\"Expired\",\"code\":410}";

    private static final Class<?> LISTENER;
    private static final Method MATCHES;
    private static final Method SEND;
    private static final Field ON_OPEN;
    private static final Field LISTENERS;

    static {
        try {
            LISTENER = Class.forName("io.fabric8.kubernetes.client.server.mock.WatchEventsListener");
            MATCHES = LISTENER.getMethod("attributeMatches", AttributeSet.class);
            MATCHES.setAccessible(true);
            SEND = LISTENER.getMethod("sendWebSocketResponse", String.class, Watcher.Action.class);
            SEND.setAccessible(true);
            ON_OPEN = LISTENER.getDeclaredField("onOpenAction");
            ON_OPEN.setAccessible(true);
            LISTENERS = LISTENER.getDeclaredField("watchEventListenerList");
            LISTENERS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One change, as a watch would have been sent it. Guarded by the mock's lock: written under its write lock, read under its read lock. */
    private record Event(long resourceVersion, String before, String after, AttributeSet beforeAttributes, AttributeSet afterAttributes) {
    }

    private final List<Event> history = new ArrayList<>();
    private final List<String> watchRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** For diagnostics: what each watch request was sent on registration. */
    private final List<String> trail = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger gone = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private final List<Predicate<String>> expiring = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Held while a write's events are sent and while a resumed watch opens, so neither overtakes the other. */
    private final Object sendOrder = new Object();
    private volatile int failures;
    private volatile int failureCode;
    private volatile String failureBody;
    private volatile Predicate<RecordedRequest> failWhich = r -> false;
    private int lostAnswers;
    private int lostCode;
    private Predicate<RecordedRequest> loseWhich = r -> false;
    private final AtomicInteger lost = new AtomicInteger();

    ReliabilityCrudDispatcher() {
        super(List.of());
    }

    /** The next watch request (with a resourceVersion) whose path matches gets 410 Gone; once per call. */
    void expireNextWatch(Predicate<String> which) {
        expiring.add(which);
    }

    /** The next {@code count} requests matching {@code which} are answered {@code code} and not handled. */
    void failNext(int count, int code, Predicate<RecordedRequest> which) {
        failNext(count, code, "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":" + code + "}", which);
    }

    /** The next {@code count} requests matching {@code which} are answered {@code code} with {@code body} and not handled. */
    synchronized void failNext(int count, int code, String body, Predicate<RecordedRequest> which) {
        this.failWhich = which;
        this.failureCode = code;
        this.failureBody = body;
        this.failures = count;
    }

    /**
     * The next {@code count} requests matching {@code which} are handled (committed), then answered
     * {@code code} instead of the result: a write whose answer was lost after the server stored it.
     */
    synchronized void loseAnswers(int count, int code, Predicate<RecordedRequest> which) {
        this.lostAnswers = count;
        this.lostCode = code;
        this.loseWhich = which;
    }

    /** @return how many answers were lost so far */
    int lostAnswers() {
        return lost.get();
    }

    /** @return watch requests received, as paths with their query */
    List<String> watchRequests() {
        return List.copyOf(watchRequests);
    }

    /** @return for each watch request: its resourceVersion and what was replayed to it, for diagnostics */
    List<String> trail() {
        return List.copyOf(trail);
    }

    /** @return every recorded event, "rv TYPE name", for diagnostics */
    synchronized List<String> historyLines() {
        List<String> out = new ArrayList<>();
        for (Event e : List.copyOf(history)) {
            String json = e.after() != null ? e.after() : e.before();
            String name = JSON.readTree(json).path("metadata").path("name").asString("?");
            out.add(e.resourceVersion() + (e.after() == null ? " DELETED " : e.before() == null ? " ADDED " : " MODIFIED ") + name);
        }
        return out;
    }

    /** @return the recorded events of one object, "rv TYPE", for diagnostics */
    synchronized List<String> historyOf(String name) {
        List<String> out = new ArrayList<>();
        for (Event e : List.copyOf(history)) {
            String json = e.after() != null ? e.after() : e.before();
            if (json.contains("\"name\":\"" + name + "\"")) {
                out.add(e.resourceVersion() + (e.after() == null ? " DELETED" : e.before() == null ? " ADDED" : " MODIFIED"));
            }
        }
        return out;
    }

    /** @return how many watch requests were answered 410 Gone */
    int goneAnswers() {
        return gone.get();
    }

    /** @return events replayed to resumed watches */
    int replayedEvents() {
        return replayed.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        synchronized (this) {
            if (failures > 0 && failWhich.test(request)) {
                failures--;
                return new MockResponse().setResponseCode(failureCode).setBody(failureBody);
            }
        }
        boolean lose;
        synchronized (this) {
            lose = lostAnswers > 0 && loseWhich.test(request);
            if (lose) {
                lostAnswers--;
            }
        }
        MockResponse handled = super.dispatch(request);
        dev.kgateway.sdk.client.EstablishingCrds.afterDispatch(request, map);
        if (lose) {
            lost.incrementAndGet();
            return new MockResponse().setResponseCode(lostCode).setBody("{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
                    + "\"message\":\"the answer was lost after the write was committed\",\"code\":" + lostCode + "}");
        }
        return handled;
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, GenericKubernetesResource resource,
                             String newState) {
        // called under the mock's write lock
        String existing = oldAttributes == null ? null : map.get(oldAttributes);
        if (newState == null && existing != null) {
            existing = withResourceVersion(existing, requestResourceVersion());
            map.put(oldAttributes, existing);
        }
        try {
            synchronized (sendOrder) {
                super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            }
        } finally {
            // the map has changed even if sending to a listener failed
            record(existing, newState, oldAttributes);
        }
    }

    private void record(String existing, String newState, AttributeSet oldAttributes) {
        if (Objects.equals(existing, newState)) {
            return;
        }
        AttributeSet newAttributes = null;
        if (newState != null) {
            for (Map.Entry<AttributeSet, String> entry : map.entrySet()) {
                if (entry.getValue() == newState) {
                    newAttributes = entry.getKey();
                    break;
                }
            }
        }
        if (newState != null && newAttributes == null) {
            throw new IllegalStateException("the mock stored the new state under no key");
        }
        String state = newState != null ? newState : existing;
        history.add(new Event(resourceVersion(state), existing, newState, existing == null ? null : oldAttributes, newAttributes));
    }

    @Override
    public MockResponse handleWatch(String path) {
        // called under the mock's read lock: no write can come between registering and replaying
        watchRequests.add(path);
        String since = query(path, "resourceVersion");
        MockResponse response = super.handleWatch(path);
        WebSocketListener listener = response.getWebSocketListener();
        if (since == null || since.isEmpty() || "0".equals(since)) {
            response.withWebSocketUpgrade(new OffLoopClose(listener, sendOrder, false));
            return response; // no resourceVersion: the current objects, then changes, as a real server does
        }
        response.withWebSocketUpgrade(new OffLoopClose(listener, sendOrder, true));
        try {
            ON_OPEN.set(listener, (Consumer<Object>) ignored -> { });
            Predicate<String> expire = expiring.stream().filter(p -> p.test(path)).findFirst().orElse(null);
            if (expire != null && expiring.remove(expire)) {
                gone.incrementAndGet();
                SEND.invoke(listener, GONE, Watcher.Action.ERROR);
                return response;
            }
            long from = Long.parseLong(since);
            int replayedBefore = replayed.get();
            long last = history.isEmpty() ? 0 : history.get(history.size() - 1).resourceVersion();
            for (Event event : history) {
                if (event.resourceVersion() <= from) {
                    continue;
                }
                boolean before = event.beforeAttributes() != null && (boolean) MATCHES.invoke(listener, event.beforeAttributes());
                boolean after = event.afterAttributes() != null && (boolean) MATCHES.invoke(listener, event.afterAttributes());
                if (before && after) {
                    SEND.invoke(listener, event.after(), Watcher.Action.MODIFIED);
                } else if (before) {
                    SEND.invoke(listener, event.before(), Watcher.Action.DELETED);
                } else if (after) {
                    SEND.invoke(listener, event.after(), Watcher.Action.ADDED);
                } else {
                    continue;
                }
                replayed.incrementAndGet();
            }
            trail.add("watch from " + from + (path.contains("timeoutSeconds") ? " (informer)" : " (watch)") + ": replayed "
                    + (replayed.get() - replayedBefore) + ", history up to " + last);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    /**
     * The mock's watch listener, except that it closes off the server's event loop: on a dropped
     * connection it waits (up to a minute) for its sender thread, whose sends wait for the event
     * loop it blocks, and every connection of that loop stalls meanwhile.
     */
    private static final class OffLoopClose extends ForwardingWebSocketListener {
        // On a dropped connection the mock shuts the listener's sender down before it leaves the
        // set of listeners: a write sending to it meanwhile got a RejectedExecutionException, which
        // aborted sending to every other listener (they all missed the event). Here the listener
        // leaves the set first, while no write is sending.
        private final Object sendOrder;

        private final boolean orderedOpen;

        /**
         * @param sendOrder   held while the listener leaves the set of listeners, and while opening when {@code orderedOpen}
         * @param orderedOpen for a resumed watch, whose opening sends only what is queued
         */
        OffLoopClose(WebSocketListener delegate, Object sendOrder, boolean orderedOpen) {
            super(delegate);
            this.sendOrder = sendOrder;
            this.orderedOpen = orderedOpen;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            if (!orderedOpen) {
                delegate.onOpen(webSocket, response);
                return;
            }
            synchronized (sendOrder) {
                delegate.onOpen(webSocket, response);
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            leave();
            offLoop(() -> delegate.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            leave();
            offLoop(() -> delegate.onFailure(webSocket, failure, response));
        }

        private void leave() {
            synchronized (sendOrder) {
                try {
                    ((java.util.Set<?>) LISTENERS.get(delegate)).remove(delegate);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private static void offLoop(Runnable close) {
            Thread t = new Thread(close, "reliability-mock-watch-close");
            t.setDaemon(true);
            t.start();
        }
    }

    private static String query(String path, String name) {
        String query = URI.create(path).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static long resourceVersion(String json) {
        String rv = JSON.readTree(json).path("metadata").path("resourceVersion").asString("0");
        return rv.isEmpty() ? 0 : Long.parseLong(rv);
    }

    private static String withResourceVersion(String json, long resourceVersion) {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        ((ObjectNode) node.get("metadata")).put("resourceVersion", Long.toString(resourceVersion));
        return JSON.writeValueAsString(node);
    }
}

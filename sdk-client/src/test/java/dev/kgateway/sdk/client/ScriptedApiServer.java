package dev.kgateway.sdk.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A fabric8 CRUD mock API server that can misbehave on cue. Scripted rules answer matching
 * requests first (a fixed number of times); everything else goes to the CRUD dispatcher, so the
 * server keeps real state around the faults. Every request is logged, and every watch connection
 * (websocket) is tracked, so tests can drop connections and see which are still open.
 *
 * <p>Used where the stock expectations mode cannot help: faults in the middle of stateful
 * scenarios, path matching by query parameter, and server-side control of watch connections.
 */
final class ScriptedApiServer implements AutoCloseable {

    static final String BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + TestBackends.NS + "/backends";
    static final String ALL_BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/backends";

    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    ScriptedApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    /** @return a fabric8 client of this server with fabric8's defaults (its own retries on) */
    KubernetesClient fabric8() {
        return client;
    }

    /**
     * @return the fabric8 client's configuration, for SDK clients that build their own; watches
     *         reconnect after 50 ms instead of fabric8's default second
     */
    Config config() {
        return new ConfigBuilder(client.getConfiguration()).withWatchReconnectInterval(50).build();
    }

    /**
     * @return an SDK client that creates its own fabric8 client for this server (fabric8's retries
     *         off, as in production), with test-friendly retry delays; close it
     */
    KgatewayClient sdk(Consumer<KgatewayClient.Builder> customize) {
        KgatewayClient.Builder builder = KgatewayClient.builder().config(config())
                .retryPolicy(new RetryPolicy(4, 30, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(100)));
        customize.accept(builder);
        return builder.build();
    }

    /** Answers the next {@code times} requests that match {@code when} with {@code response}. */
    ScriptedApiServer answer(Predicate<Req> when, int times, Function<Req, MockResponse> response) {
        dispatcher.rules.add(new Rule(when, response, new AtomicInteger(times), false));
        return this;
    }

    /**
     * Lets the CRUD server handle (commit) the next {@code times} requests that match {@code when},
     * then answers them with {@code code} instead of the result: a write whose answer is lost
     * after the server committed it, as a 500/504 from kube-apiserver or a proxy shows it.
     */
    ScriptedApiServer commitThenFail(Predicate<Req> when, int times, int code) {
        dispatcher.rules.add(new Rule(when, r -> status(code, code == 504 ? "Timeout" : "InternalError",
                "the answer was lost after the write was committed"), new AtomicInteger(times), true));
        return this;
    }

    /** Answers the next {@code times} matching requests with {@code code} and {@code body}. */
    ScriptedApiServer answer(Predicate<Req> when, int times, int code, String body) {
        return answer(when, times, r -> json(code, body));
    }

    /** Answers the next matching watch request with a websocket the test controls. */
    ScriptedWatch scriptWatch(Predicate<Req> when) {
        ScriptedWatch watch = new ScriptedWatch();
        answer(when.and(Req::isWatch), 1, r -> {
            watch.request = r;
            return new MockResponse().withWebSocketUpgrade(watch);
        });
        return watch;
    }

    /** @return every request received so far, in order */
    List<Req> requests() {
        return List.copyOf(dispatcher.log);
    }

    /** @return the requests received so far that match {@code filter}, in order */
    List<Req> requests(Predicate<Req> filter) {
        return dispatcher.log.stream().filter(filter).toList();
    }

    /** @return the watch connections (websockets) the server holds open now */
    Set<WebSocket> openWatches() {
        return Set.copyOf(dispatcher.openSockets.keySet());
    }

    /** Drops every open watch connection from the server side, as a load balancer would. */
    void dropAllWatches() {
        for (WebSocket socket : openWatches()) {
            socket.close(1001, "going away");
        }
    }

    @Override
    public void close() {
        client.close();
        // let the CRUD mock's watch listeners stop their sender threads, without waiting for them
        Thread closer = new Thread(() -> dispatcher.deferredCloses.forEach(Runnable::run), "mock-watch-closer");
        closer.setDaemon(true);
        closer.start();
        server.destroy();
        try {
            // bounded: a sender thread stuck on the stopped event loop must not hold the test up
            closer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse status(int code, String reason, String message) {
        return json(code, TestBackends.statusJson(code, reason, message));
    }

    /** A request as tests match it: method, path without query, decoded query, body. */
    record Req(String method, String path, Map<String, String> query, Map<String, List<String>> headers, String body) {

        static Req of(RecordedRequest request) {
            String full = request.getPath();
            int q = full.indexOf('?');
            Map<String, String> query = new LinkedHashMap<>();
            if (q >= 0) {
                for (String pair : full.substring(q + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.put(key, value);
                }
            }
            byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
            return new Req(request.getMethod(), q < 0 ? full : full.substring(0, q), Map.copyOf(query),
                    request.getHeaders().toMultimap(), new String(bytes, StandardCharsets.UTF_8));
        }

        boolean isWatch() {
            return "true".equals(query.get("watch"));
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        static Predicate<Req> call(String method, String path) {
            return r -> r.method.equals(method) && r.path.equals(path);
        }

        /** A list (not a watch) of {@code path}. */
        static Predicate<Req> list(String path) {
            return r -> r.method.equals("GET") && r.path.equals(path) && !r.isWatch();
        }

        static Predicate<Req> watch(String path) {
            return r -> r.method.equals("GET") && r.path.equals(path) && r.isWatch();
        }
    }

    /** @param commitFirst whether the CRUD server handles the request before the scripted answer replaces its result */
    private record Rule(Predicate<Req> when, Function<Req, MockResponse> response, AtomicInteger remaining, boolean commitFirst) {
        boolean claim(Req request) {
            if (!when.test(request)) {
                return false;
            }
            int left;
            do {
                left = remaining.get();
                if (left <= 0) {
                    return false;
                }
            } while (!remaining.compareAndSet(left, left - 1));
            return true;
        }
    }

    private static final class ScriptedDispatcher extends Dispatcher {
        private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(List.of());
        private final List<Rule> rules = new CopyOnWriteArrayList<>();
        private final List<Req> log = new CopyOnWriteArrayList<>();
        private final Map<WebSocket, Boolean> openSockets = new ConcurrentHashMap<>();
        private final List<Runnable> deferredCloses = new CopyOnWriteArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Req req = Req.of(request);
            log.add(req);
            for (Rule rule : rules) {
                if (rule.claim(req)) {
                    if (rule.commitFirst) {
                        crud.dispatch(request);
                    }
                    return tracked(rule.response.apply(req));
                }
            }
            MockResponse handled = crud.dispatch(request);
            EstablishingCrds.afterDispatch(request, crud.getMap());
            return tracked(handled);
        }

        private MockResponse tracked(MockResponse response) {
            WebSocketListener inner = response.getWebSocketListener();
            return inner == null ? response : response.withWebSocketUpgrade(new TrackingListener(inner, openSockets, deferredCloses));
        }

        @Override
        public void shutdown() {
            crud.shutdown();
        }
    }

    /**
     * Forwards to the real listener and keeps the set of open sockets. The close and failure
     * callbacks of the CRUD mock's watch listener are held back until the server stops: on the
     * event loop they block it (up to a minute, waiting for a sender thread that may need the event
     * loop), and anywhere else they shut the sender down while the CRUD dispatcher may still be
     * handing it an event, which fails the write request that caused the event.
     */
    private static final class TrackingListener extends ForwardingWebSocketListener {
        private final Map<WebSocket, Boolean> open;
        private final List<Runnable> deferred;

        TrackingListener(WebSocketListener inner, Map<WebSocket, Boolean> open, List<Runnable> deferred) {
            super(inner);
            this.open = open;
            this.deferred = deferred;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            open.put(webSocket, Boolean.TRUE);
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            open.remove(webSocket);
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            open.remove(webSocket);
            deferred.add(() -> delegate.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            open.remove(webSocket);
            deferred.add(() -> delegate.onFailure(webSocket, t, response));
        }
    }

    static final class ScriptedWatch extends WebSocketListener {
        private final CompletableFuture<WebSocket> socket = new CompletableFuture<>();
        private volatile Req request;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket.complete(webSocket);
        }

        /** @return the watch request, once the client connected */
        Req request() {
            awaitOpen();
            return request;
        }

        private WebSocket awaitOpen() {
            try {
                return socket.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the client never opened the scripted watch", e);
            }
        }

        /** @return the connection, once the client opened it */
        WebSocket socket() {
            return awaitOpen();
        }

        /** Sends one event: {@code type} is ADDED, MODIFIED, DELETED or BOOKMARK. */
        ScriptedWatch send(String type, dev.kgateway.sdk.model.Backend backend) {
            awaitOpen().send(TestBackends.watchEventJson(type, backend));
            return this;
        }

        /** Sends the ERROR event with a 410 Status a server sends when the resourceVersion expired. */
        ScriptedWatch gone() {
            awaitOpen().send("{\"type\":\"ERROR\",\"object\":" + TestBackends.statusJson(410, "Expired",
                    "too old resource version") + "}");
            return this;
        }

        /** Closes the connection from the server side, without an error event. */
        void drop() {
            awaitOpen().close(1001, "going away");
        }
    }
}

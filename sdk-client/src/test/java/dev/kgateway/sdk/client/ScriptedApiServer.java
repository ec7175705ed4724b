package dev.kgateway.sdk.client;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.CrdAdmission;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.embeddedapiserver.RequestInterceptor;
import dev.kgateway.sdk.embeddedapiserver.ScriptedAnswers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The embedded API server ({@link EmbeddedApiServer}) with scripted answers on cue: the faults it
 * has no name for. Scripted rules answer matching requests first (a fixed number of times), with
 * any status, headers and body, or with a watch whose events the test writes; everything else the
 * server handles, so state stays real around the faults. Every watch connection is tracked, so
 * tests can drop connections and see which are still open.
 *
 * <p>Kept beside the server's own {@code Faults} for what they cannot say: plain-text and
 * malformed answers, exact Status bodies and headers, hand-written watch event sequences.
 */
final class ScriptedApiServer implements AutoCloseable {

    static final String BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + TestBackends.NS + "/backends";
    static final String ALL_BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/backends";

    /** The namespaces the server starts with, besides Kubernetes' own. */
    static final List<String> NAMESPACES = List.of(TestBackends.NS, "web", "lambda", "apps", "elsewhere");

    private final Scripts scripts = new Scripts();
    private volatile boolean admissionOff;
    private final EmbeddedApiServer server;

    /** A server with the SDK's Backend CRD installed. */
    ScriptedApiServer() {
        this(true);
    }

    /** @param withCrd whether the SDK's Backend CRD is installed (without it, Backends are not served) */
    ScriptedApiServer(boolean withCrd) {
        CrdAdmission checks = new CrdAdmission();
        EmbeddedApiServer.Builder builder = EmbeddedApiServer.builder().interceptor(scripts).bookmarkInterval(java.time.Duration.ZERO)
                .admission(request -> admissionOff ? Admission.acceptAll().admit(request) : checks.admit(request));
        server = (withCrd ? builder : builder.crds()).start();
        for (String namespace : NAMESPACES) {
            server.createNamespace(namespace);
        }
        server.clearRequests();
    }

    /** @return a fabric8 client of this server with fabric8's defaults (its own retries on) */
    KubernetesClient fabric8() {
        return server.kubernetesClient();
    }

    /**
     * @return the server's client configuration, for SDK clients that build their own; watches
     *         reconnect after 50 ms instead of fabric8's default second
     */
    Config config() {
        return new ConfigBuilder(server.config()).withWatchReconnectInterval(50).build();
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

    /**
     * Runs {@code write} with the server's admission off: what it stores was valid under an older,
     * laxer CRD, as a cluster holds after a CRD upgrade.
     */
    void storedUnderALaxerCrd(Runnable write) {
        admissionOff = true;
        try {
            write.run();
        } finally {
            admissionOff = false;
        }
    }

    /** @return the embedded server underneath, for its own controls (faults, watch history) */
    EmbeddedApiServer server() {
        return server;
    }

    /** Answers the next {@code times} requests that match {@code when} with {@code response}. */
    ScriptedApiServer answer(Predicate<Req> when, int times, Function<Req, MockResponse> response) {
        scripts.answers.add(times, call -> when.test(Req.of(call)), call -> response.apply(Req.of(call)));
        return this;
    }

    /**
     * Lets the CRUD server handle (commit) the next {@code times} requests that match {@code when},
     * then answers them with {@code code} instead of the result: a write whose answer is lost
     * after the server committed it, as a 500/504 from kube-apiserver or a proxy shows it.
     */
    ScriptedApiServer commitThenFail(Predicate<Req> when, int times, int code) {
        server.faults().loseAnswerNext(times, code, call -> when.test(Req.of(call)));
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
        return server.requests().stream().map(Req::of).toList();
    }

    /** @return the requests received so far that match {@code filter}, in order */
    List<Req> requests(Predicate<Req> filter) {
        return requests().stream().filter(filter).toList();
    }

    /** @return the watch connections (websockets) the server holds open now */
    Set<WebSocket> openWatches() {
        return Set.copyOf(scripts.openSockets.keySet());
    }

    /** Drops every open watch connection from the server side, as a load balancer would. */
    void dropAllWatches() {
        for (WebSocket socket : openWatches()) {
            socket.close(1001, "going away");
        }
    }

    @Override
    public void close() {
        server.close();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    static MockResponse status(int code, String reason, String message) {
        return json(code, TestBackends.statusJson(code, reason, message));
    }

    /** A request as tests match it: method, path without query, decoded query, body. */
    record Req(String method, String path, Map<String, String> query, Map<String, List<String>> headers, String body) {

        static Req of(RecordedCall call) {
            return new Req(call.method(), call.path(), Map.copyOf(call.query()), call.headers(), call.body());
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

    /** The scripted rules, before the server; every watch answer, scripted or the server's, tracked. */
    private static final class Scripts implements RequestInterceptor {
        private final ScriptedAnswers answers = new ScriptedAnswers();
        private final Map<WebSocket, Boolean> openSockets = new ConcurrentHashMap<>();

        @Override
        public MockResponse before(RecordedCall call) {
            MockResponse scripted = answers.take(call);
            return scripted == null ? null : tracked(scripted);
        }

        @Override
        public MockResponse after(RecordedCall call, MockResponse answer) {
            return tracked(answer);
        }

        private MockResponse tracked(MockResponse response) {
            WebSocketListener inner = response.getWebSocketListener();
            return inner == null ? response : response.withWebSocketUpgrade(new TrackingListener(inner, openSockets));
        }
    }

    /** Forwards to the real listener and keeps the set of open sockets. */
    private static final class TrackingListener extends ForwardingWebSocketListener {
        private final Map<WebSocket, Boolean> open;

        TrackingListener(WebSocketListener inner, Map<WebSocket, Boolean> open) {
            super(inner);
            this.open = open;
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
            delegate.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            open.remove(webSocket);
            delegate.onFailure(webSocket, t, response);
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

package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.ForwardingWebSocketListener;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.embeddedapiserver.RequestInterceptor;
import dev.kgateway.sdk.embeddedapiserver.ScriptedAnswers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The embedded API server ({@link EmbeddedApiServer}: storage, resourceVersions, watches that
 * resume from their resourceVersion by replaying the server's history, the SDK's Backend CRD
 * installed and its admission checking every write) with the given namespaces created, and a
 * {@link ReliabilityProxy} in front of it: clients built from {@link #proxiedConfig()} reach the
 * server through the proxy, so their connections can be cut.
 *
 * <p>What the server has no name for, a {@link RequestInterceptor} of this class adds:
 * <ul>
 * <li>{@link #answerNext} answers matching requests with a scripted answer (exact Status bodies,
 *     headers), without the server handling them;</li>
 * <li>{@link #expireNextWatch} answers the next matching resumed watch as a real server does when
 *     the resourceVersion was compacted away: a WebSocket whose one event is an ERROR holding a
 *     Status 410 Expired, then closed; {@link #goneAnswers()} counts them;</li>
 * <li>{@link #replayedEvents()} counts the events the server replayed to resumed watches: those
 *     it sent a watch started from a resourceVersion whose own resourceVersion was already handed
 *     out when the watch request arrived (a lower bound: events of writes racing with the request
 *     are not counted).</li>
 * </ul>
 * The server's own event history is read with an independent watch, see {@link ServerEventLog}.
 */
final class ReliabilityCluster implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Large enough that no watch of a test outruns it: a 410 comes only from {@link #expireNextWatch}. */
    private static final int WATCH_HISTORY = 1_000_000;

    final EmbeddedApiServer server;
    final ReliabilityProxy proxy;
    private final Scripts scripts;

    /** A server with the Backend CRD installed and {@code namespaces} created, and the proxy in front of it. */
    ReliabilityCluster(String... namespaces) {
        scripts = new Scripts();
        server = EmbeddedApiServer.builder().interceptor(scripts).watchHistory(WATCH_HISTORY).start();
        scripts.server = server; // the interceptor reads the server's resourceVersion from now on
        try {
            for (String namespace : namespaces) {
                server.createNamespace(namespace);
            }
            server.clearRequests();
            proxy = new ReliabilityProxy(URI.create(server.url()).getPort());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The server's client configuration, straight to the server (not through the proxy). */
    Config directConfig() {
        return server.config();
    }

    /** The server's client configuration, pointed at the proxy; watches reconnect after 100 ms. */
    Config proxiedConfig() {
        return new ConfigBuilder(server.config())
                .withMasterUrl(proxy.url())
                .withWatchReconnectInterval(100)
                .withRequestTimeout(10_000)
                .build();
    }

    /** Answers the next {@code count} requests matching {@code which} with {@code answer}; the server does not handle them. */
    void answerNext(int count, Predicate<RecordedCall> which, Function<RecordedCall, MockResponse> answer) {
        scripts.answers.add(count, which, answer);
    }

    /** Answers the next {@code count} requests matching {@code which} with {@code code} and the JSON {@code body}. */
    void answerNext(int count, Predicate<RecordedCall> which, int code, String body) {
        answerNext(count, which, call -> json(code, body));
    }

    /** The next watch request that resumes from a resourceVersion and matches {@code which} is answered 410 Gone; once per call. */
    void expireNextWatch(Predicate<RecordedCall> which) {
        answerNext(1, call -> resumedWatch(call) && which.test(call), call -> {
            scripts.gone.incrementAndGet();
            return new MockResponse().withWebSocketUpgrade(new GoneWatch());
        });
    }

    /** @return how many watch requests were answered 410 Gone by {@link #expireNextWatch} */
    int goneAnswers() {
        return scripts.gone.get();
    }

    /** @return events the server replayed to resumed watches (a lower bound, see the class comment) */
    int replayedEvents() {
        return scripts.replayed.get();
    }

    /**
     * @return how many requests the server handled and then answered {@code code}: its own answers,
     *         and those {@code faults().loseAnswerNext} put in their place (scripted answers are not counted)
     */
    int handledAndAnswered(int code) {
        AtomicInteger n = scripts.codes.get(code);
        return n == null ? 0 : n.get();
    }

    /** @return watch requests received so far */
    List<RecordedCall> watchRequests() {
        return server.requests(RecordedCall::isWatch);
    }

    /** @return the requests received so far, as "METHOD path" (path without the query) */
    List<String> received() {
        return server.requests().stream().map(c -> c.method() + " " + c.path()).toList();
    }

    /** @return whether {@code call} is a watch that resumes from a resourceVersion */
    static boolean resumedWatch(RecordedCall call) {
        String since = call.queryParameter("resourceVersion");
        return call.isWatch() && since != null && !since.isEmpty() && !since.equals("0");
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** A kube Status body of code {@code code}. */
    static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }

    /** Scripted answers first; resumed watches the server answered get their replayed events counted. */
    private static final class Scripts implements RequestInterceptor {
        private final ScriptedAnswers answers = new ScriptedAnswers();
        private final AtomicInteger gone = new AtomicInteger();
        private final AtomicInteger replayed = new AtomicInteger();
        /** Per resumed watch request (the same object reaches before and after): the resourceVersion handed out when it arrived. */
        private final Map<RecordedCall, Long> arrivedAt = Collections.synchronizedMap(new IdentityHashMap<>());
        private volatile EmbeddedApiServer server;
        /** Answers sent after the server handled the request (the server's own, or a fault's that replaced it), per status code. */
        private final Map<Integer, AtomicInteger> codes = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public MockResponse before(RecordedCall call) {
            MockResponse scripted = answers.take(call);
            if (scripted != null) {
                return scripted;
            }
            EmbeddedApiServer s = server;
            if (s != null && resumedWatch(call)) {
                arrivedAt.put(call, s.currentResourceVersion());
            }
            return null;
        }

        @Override
        public MockResponse after(RecordedCall call, MockResponse answer) {
            codes.computeIfAbsent(answer.code(), c -> new AtomicInteger()).incrementAndGet();
            Long at = arrivedAt.remove(call);
            WebSocketListener listener = answer.getWebSocketListener();
            if (at == null || listener == null) {
                return answer;
            }
            long since = Long.parseLong(call.queryParameter("resourceVersion"));
            return answer.withWebSocketUpgrade(new CountingListener(listener, since, at, replayed));
        }
    }

    /** Hands the server's watch a socket that counts the events it sends from its history. */
    private static final class CountingListener extends ForwardingWebSocketListener {
        private final long since;
        private final long arrivedAt;
        private final AtomicInteger replayed;

        CountingListener(WebSocketListener delegate, long since, long arrivedAt, AtomicInteger replayed) {
            super(delegate);
            this.since = since;
            this.arrivedAt = arrivedAt;
            this.replayed = replayed;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            delegate.onOpen(new WebSocket() {
                @Override
                public RecordedRequest request() {
                    return webSocket.request();
                }

                @Override
                public boolean send(String text) {
                    count(text);
                    return webSocket.send(text);
                }

                @Override
                public boolean send(byte[] bytes) {
                    count(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    return webSocket.send(bytes);
                }

                @Override
                public boolean close(int code, String reason) {
                    return webSocket.close(code, reason);
                }
            }, response);
        }

        private void count(String event) {
            JsonNode node = JSON.readTree(event);
            String type = node.path("type").asString("");
            if (type.equals("ADDED") || type.equals("MODIFIED") || type.equals("DELETED")) {
                long rv = Long.parseLong(node.path("object").path("metadata").path("resourceVersion").asString("0"));
                if (rv > since && rv <= arrivedAt) {
                    replayed.incrementAndGet();
                }
            }
        }
    }

    /** What kube-apiserver answers a watch from a compacted resourceVersion: one ERROR event with a 410 Status, then the end. */
    private static final class GoneWatch extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            webSocket.send("{\"type\":\"ERROR\",\"object\":" + status(410, "Expired", "too old resource version") + "}");
            webSocket.close(1000, "expired");
        }
    }
}

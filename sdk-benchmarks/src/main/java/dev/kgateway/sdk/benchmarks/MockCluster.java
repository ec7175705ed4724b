package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.embeddedapiserver.RequestInterceptor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockServerExpectationImpl;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.fabric8.mockwebserver.internal.WebSocketSession;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK's embedded API server ({@link EmbeddedApiServer}: the SDK's Backend CRD installed, real
 * paging, resourceVersions and watches), a fabric8 client for the raw side and a
 * KgatewayClient over a second fabric8 client of the same server. Two clients because the SDK
 * registers its Backend type in the serialization of the client it wraps (so watch events decode
 * straight into the model), which would change how the raw side's generic watch decodes Backends on
 * a shared client; each side is measured as it runs on its own.
 *
 * <p>{@link #server} takes fabric8 mock-server expectations ({@code expect().get().withPath(..)...once()}),
 * answered before the embedded server handles the request: the watch benchmark scripts its byte
 * streams with them. Bookmarks are only sent on demand, and the request log is emptied after the
 * set-up writes.
 *
 * <p>The server admits every write as sent ({@link Admission#acceptAll()}): about 10% of the
 * {@link Workloads} items carry, on purpose, members in shapes the SDK's CRD refuses (so that the
 * decoders meet unknown members), and the benchmarks measure reading these documents, not writing them.
 */
public final class MockCluster implements AutoCloseable {

    /** Scripted answers in fabric8's expectation DSL, which win over the embedded server's own. */
    public final Expectations server = new Expectations();
    public final EmbeddedApiServer apiServer;
    public final KubernetesClient client;
    private final KubernetesClient sdkClient;
    public final KgatewayClient kgateway;

    public MockCluster() {
        apiServer = EmbeddedApiServer.builder().admission(Admission.acceptAll()).bookmarkInterval(Duration.ZERO)
                .interceptor(server).start();
        client = new KubernetesClientBuilder().withConfig(apiServer.config()).build();
        sdkClient = new KubernetesClientBuilder().withConfig(apiServer.config()).build();
        kgateway = KgatewayClient.from(sdkClient);
    }

    /** @return raw fabric8 access to Backends, as {@code GenericKubernetesResource} */
    public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> generic() {
        return client.genericKubernetesResources(Workloads.API_VERSION, "Backend");
    }

    /**
     * Creates namespace {@code namespace} and in it the first {@code count} workload items through the
     * raw fabric8 API, then writes each item's status (a create drops it, as kube-apiserver does for a
     * CRD with a status subresource), so a list returns the workload's conditions.
     */
    public void createBackends(String namespace, int count) {
        apiServer.createNamespace(namespace);
        List<Map<String, Object>> items = Workloads.items(count, namespace);
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) item.get("metadata");
            metadata.remove("resourceVersion");
            GenericKubernetesResource resource = Codecs.FABRIC8_SERIALIZATION.convertValue(item, GenericKubernetesResource.class);
            GenericKubernetesResource created = generic().inNamespace(namespace).resource(resource).create();
            created.setAdditionalProperty("status", item.get("status"));
            generic().inNamespace(namespace).resource(created).updateStatus();
        }
        apiServer.clearRequests();
    }

    @Override
    public void close() {
        kgateway.close();
        sdkClient.close();
        client.close();
        apiServer.close();
        server.release();
    }

    /**
     * fabric8's mock-server expectations ({@link #expect()}, {@link #clearExpectations()}) as a
     * {@link RequestInterceptor} of the embedded server: a request whose method, path and query
     * parameters (in any order) match an expectation gets its answer; any other goes to the server.
     */
    public static final class Expectations implements RequestInterceptor {
        private final Map<ServerRequest, Queue<ServerResponse>> responses = new ConcurrentHashMap<>();
        private final Context context = new Context();
        private final List<WebSocketSession> sessions = new ArrayList<>();

        /** @return fabric8's expectation DSL, as {@code KubernetesMockServer.expect()} */
        public synchronized MockServerExpectation expect() {
            return new MockServerExpectationImpl(responses, context);
        }

        /** Forgets every expectation. */
        public synchronized void clearExpectations() {
            responses.clear();
        }

        @Override
        public synchronized MockResponse before(RecordedCall call) {
            for (Map.Entry<ServerRequest, Queue<ServerResponse>> e : responses.entrySet()) {
                if (e.getKey() instanceof SimpleRequest expected && matches(expected, call) && !e.getValue().isEmpty()) {
                    ServerResponse answer = e.getValue().peek().isRepeatable() ? e.getValue().peek() : e.getValue().poll();
                    MockResponse response = answer.toMockResponse(request(call));
                    if (response.getWebSocketListener() instanceof WebSocketSession session) {
                        sessions.add(session);
                    }
                    return response;
                }
            }
            return null;
        }

        /** Stops the WebSocket sessions' threads, as fabric8's mock server does when it stops. */
        synchronized void release() {
            sessions.forEach(WebSocketSession::shutdown);
            sessions.clear();
        }

        private static boolean matches(SimpleRequest expected, RecordedCall call) {
            if (expected.getMethod() != HttpMethod.ANY && !expected.getMethod().name().equals(call.method())) {
                return false;
            }
            String path = expected.getPath();
            int q = path.indexOf('?');
            return (q < 0 ? path : path.substring(0, q)).equals(call.path()) && query(q < 0 ? "" : path.substring(q + 1)).equals(call.query());
        }

        private static Map<String, String> query(String query) {
            Map<String, String> out = new HashMap<>();
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return out;
        }

        /** The request as fabric8's expectation answers read it: HTTP version and headers (the WebSocket protocol). */
        private static RecordedRequest request(RecordedCall call) {
            Headers.Builder headers = Headers.builder();
            call.headers().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
            return new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(call.method()), call.path(), headers.build(),
                    new Buffer(call.body().getBytes(StandardCharsets.UTF_8)));
        }
    }
}

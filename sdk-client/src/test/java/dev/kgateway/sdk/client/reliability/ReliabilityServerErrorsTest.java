package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.client.internal.RetryDelays;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Server errors, on the mock server in expectations mode, counting the requests it received:
 * idempotent calls (get, list, update, patch, delete) are retried after 429 (honouring the
 * server's delay: Status details retryAfterSeconds, else the Retry-After header) and 5xx (but 501)
 * with bounded backoff, at most {@code RetryPolicy.maxAttempts} (4) times; a create is sent
 * exactly once whatever the answer: 500, 503, 429, or a connection dropped after the server got
 * the request. Delays are checked as the client chose them (recorded instead of slept, see
 * {@link RetryDelays}), not by the wall clock.
 */
class ReliabilityServerErrorsTest {

    private static final String BASE = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/ai/backends";
    private static final String ITEM = BASE + "/openai";
    private static final String BACKEND_JSON = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"openai\",\"namespace\":\"ai\",\"resourceVersion\":\"7\"},"
            + "\"spec\":{\"type\":\"AI\",\"ai\":{\"llm\":{\"openai\":{\"authToken\":{\"secretRef\":{\"name\":\"k\"}}}}}}}";
    private static final String LIST_JSON = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"BackendList\","
            + "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[" + BACKEND_JSON + "]}";

    private KubernetesMockServer server;
    private Config config;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            config = client.getConfiguration();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.destroy();
    }

    private NamespacedBackendClient client(RetryPolicy policy) {
        return client(config, policy);
    }

    private NamespacedBackendClient client(Config using, RetryPolicy policy) {
        KgatewayClient kgw = KgatewayClient.builder().config(using).retryPolicy(policy).build();
        closeables.add(kgw);
        return kgw.backends().inNamespace("ai");
    }

    private static String status(int code, String reason, Integer retryAfterSeconds) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + reason + "\",\"reason\":\""
                + reason + "\"" + (retryAfterSeconds == null ? "" : ",\"details\":{\"retryAfterSeconds\":" + retryAfterSeconds + "}")
                + ",\"code\":" + code + "}";
    }

    /** @return the requests the server received, as "METHOD path" */
    private List<String> received() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }

    /** @return the delays the client chose between the attempts of {@code call} (not slept) */
    private static List<Duration> delaysOf(Runnable call) {
        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            call.run();
            return delays.chosen();
        }
    }

    // ---- 429 ----

    @Test
    void getIsRetriedAfter429WaitingTheSecondsTheStatusAsksFor() throws Exception {
        server.expect().get().withPath(ITEM).andReturn(429, status(429, "TooManyRequests", 1)).times(2);
        server.expect().get().withPath(ITEM).andReturn(200, BACKEND_JSON).once();
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        List<Duration> delays = delaysOf(() -> assertThat(backends.get("openai")).isPresent());

        assertThat(received()).containsExactly("GET " + ITEM, "GET " + ITEM, "GET " + ITEM);
        assertThat(delays).as("the server's delay, twice").containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aRetryDelayAboveThirtySecondsIsCappedAtThirty() throws Exception {
        server.expect().get().withPath(ITEM).andReturn(429, status(429, "TooManyRequests", 120)).once();
        server.expect().get().withPath(ITEM).andReturn(200, BACKEND_JSON).once();
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        List<Duration> delays = delaysOf(() -> assertThat(backends.get("openai")).isPresent());

        assertThat(delays).containsExactly(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 503})
    void getIsRetriedWaitingTheRetryAfterHeaderWhenTheStatusGivesNoDelay(int code) throws Exception {
        server.expect().get().withPath(ITEM).andReturn(code, status(code, "TooManyRequests", null)).withHeader("Retry-After", "1").once();
        server.expect().get().withPath(ITEM).andReturn(200, BACKEND_JSON).once();
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        List<Duration> delays = delaysOf(() -> assertThat(backends.get("openai")).isPresent());

        assertThat(received()).hasSize(2);
        assertThat(delays).as("the header's delay").containsExactly(Duration.ofSeconds(1));
    }

    // ---- 5xx ----

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void getIsRetriedAfter5xxUpToFourAttemptsWithBoundedBackoff(int code) throws Exception {
        server.expect().get().withPath(ITEM).andReturn(code, status(code, "ServerError", null)).always();
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        KgatewayApiException[] e = new KgatewayApiException[1];
        List<Duration> delays = delaysOf(() -> e[0] = catchThrowableOfType(KgatewayApiException.class, () -> backends.get("openai")));

        assertThat(e[0].getCode()).isEqualTo(code);
        assertThat(received()).hasSize(RetryPolicy.DEFAULT.maxAttempts()).containsOnly("GET " + ITEM);
        // backoff before retries 1..3: 50, 100, 200 ms, each jittered down to no less than half
        assertThat(delays).hasSize(3);
        assertThat(delays.get(0).toMillis()).isBetween(25L, 50L);
        assertThat(delays.get(1).toMillis()).isBetween(50L, 100L);
        assertThat(delays.get(2).toMillis()).isBetween(100L, 200L);
    }

    @Test
    void getSucceedsWhenTheServerRecoversBeforeTheLastAttempt() throws Exception {
        server.expect().get().withPath(ITEM).andReturn(503, status(503, "ServiceUnavailable", null)).times(3);
        server.expect().get().withPath(ITEM).andReturn(200, BACKEND_JSON).once();

        assertThat(client(RetryPolicy.DEFAULT).get("openai")).isPresent();
        assertThat(received()).hasSize(4);
    }

    @Test
    void notImplementedIsNotRetried() throws Exception {
        server.expect().get().withPath(ITEM).andReturn(501, status(501, "NotImplemented", null)).always();

        assertThat(catchThrowableOfType(KgatewayApiException.class, () -> client(RetryPolicy.DEFAULT).get("openai")).getCode()).isEqualTo(501);
        assertThat(received()).hasSize(1);
    }

    @Test
    void everyIdempotentCallIsRetriedOnceAfterOne5xx() throws Exception {
        server.expect().get().withPath(BASE + "?limit=500").andReturn(502, status(502, "BadGateway", null)).once();
        server.expect().get().withPath(BASE + "?limit=500").andReturn(200, LIST_JSON).once();
        server.expect().put().withPath(ITEM + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(503, status(503, "ServiceUnavailable", null)).once();
        server.expect().put().withPath(ITEM + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(200, BACKEND_JSON).once();
        server.expect().get().withPath(ITEM).andReturn(200, BACKEND_JSON).always(); // fabric8 reads before a merge patch
        server.expect().patch().withPath(ITEM + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(504, status(504, "Timeout", null)).once();
        server.expect().patch().withPath(ITEM + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(200, BACKEND_JSON).once();
        server.expect().delete().withPath(ITEM).andReturn(500, status(500, "InternalError", null)).once();
        server.expect().delete().withPath(ITEM).andReturn(200, BACKEND_JSON).once();
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);
        Backend backend = BackendJson.fromJson(BACKEND_JSON);

        assertThat(backends.list()).hasSize(1);
        assertThat(backends.update(backend).getMetadata().getName()).isEqualTo("openai");
        assertThat(backends.patch("openai", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}").getMetadata().getName()).isEqualTo("openai");
        assertThat(backends.delete("openai")).isTrue();

        assertThat(received()).filteredOn(r -> !r.equals("GET " + ITEM)).extracting(r -> r.substring(0, r.indexOf(' ')))
                .containsExactly("GET", "GET", "PUT", "PUT", "PATCH", "PATCH", "DELETE", "DELETE");
    }

    // ---- create: never twice ----

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 503})
    void createIsSentExactlyOnceWhateverTheServerAnswers(int code) throws Exception {
        server.expect().post().withPath(BASE + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(code, status(code, "Failure", code == 429 ? 1 : null)).always();
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        KgatewayApiException e = catchThrowableOfType(KgatewayApiException.class, () -> backends.create(BackendJson.fromJson(BACKEND_JSON)));

        assertThat(e.getCode()).isEqualTo(code);
        assertThat(received()).containsExactly("POST " + BASE + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk");
    }

    @Test
    void createWhoseConnectionDropsAfterTheServerGotItIsSentExactlyOnce() throws Exception {
        server.expect().post().withPath(BASE + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(201, BACKEND_JSON).always();
        try (ReliabilityProxy proxy = new ReliabilityProxy(server.getPort())) {
            proxy.dropResponsesTo("POST " + BASE);
            NamespacedBackendClient backends = client(new ConfigBuilder(config).withMasterUrl(proxy.url()).build(), RetryPolicy.DEFAULT);

            KgatewayApiException e = catchThrowableOfType(KgatewayApiException.class, () -> backends.create(BackendJson.fromJson(BACKEND_JSON)));

            assertThat(e.getCode()).as("no answer").isZero();
            assertThat(e.getMessage()).startsWith("no answer from the API server: create");
            assertThat(proxy.dropped()).isEqualTo(1);
            assertThat(received()).containsExactly("POST " + BASE + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk");
        }
    }

    @Test
    void deleteWhoseConnectionDropsAfterTheServerGotItReturnsTrueWithoutASecondDelete() throws Exception {
        server.expect().delete().withPath(ITEM).andReturn(200, BACKEND_JSON).always();
        // no expectation for GET: the mock answers 404, the Backend is gone
        try (ReliabilityProxy proxy = new ReliabilityProxy(server.getPort())) {
            proxy.dropResponsesTo("DELETE " + ITEM);
            NamespacedBackendClient backends = client(new ConfigBuilder(config).withMasterUrl(proxy.url()).build(), RetryPolicy.DEFAULT);

            assertThat(backends.delete("openai")).isTrue();

            assertThat(proxy.dropped()).isEqualTo(1);
            assertThat(received()).containsExactly("DELETE " + ITEM, "GET " + ITEM);
        }
    }

    @Test
    void createThroughAWrappedFabric8ClientWithItsOwnRetriesIsSentExactlyOnce() throws Exception {
        server.expect().post().withPath(BASE + "?fieldValidation=Strict").andReturn(500, status(500, "InternalError", null)).always();
        // a fabric8 client as an application builds it: fabric8 retries 10 times by default
        KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(new ConfigBuilder(config)
                .withRequestRetryBackoffLimit(10).withRequestRetryBackoffInterval(10).build()).build();
        closeables.add(fabric8);
        NamespacedBackendClient backends = KgatewayClient.from(fabric8).backends().inNamespace("ai");

        KgatewayApiException e = catchThrowableOfType(KgatewayApiException.class, () -> backends.create(BackendJson.fromJson(BACKEND_JSON)));

        assertThat(e.getCode()).isEqualTo(500);
        assertThat(received()).containsExactly("POST " + BASE + "?fieldValidation=Strict");
    }
}

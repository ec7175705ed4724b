package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.client.internal.RetryDelays;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Server errors, on the embedded API server holding Backend {@code ai/openai}, counting the
 * requests it received: idempotent calls (get, list, update, patch, delete) are retried after 429
 * (honouring the server's delay: Status details retryAfterSeconds, else the Retry-After header) and
 * 5xx (but 501) with bounded backoff, at most {@code RetryPolicy.maxAttempts} (4) times; a create
 * is sent exactly once whatever the answer: 500, 503, or a connection dropped after the server got
 * the request (a 429 proves nothing was stored: a create is retried after it).
 *
 * <p>Error answers come from the server's faults ({@code faults().failNext}, {@code throttleNext}:
 * kube Status bodies, nothing handled); the two shapes they do not make (a Status whose details
 * carry retryAfterSeconds, a 503 with Retry-After) are scripted answers of
 * {@link ReliabilityCluster#answerNext}. Delays are checked as the client chose them (recorded
 * instead of slept, see {@link RetryDelays}), not by the wall clock.
 */
class ReliabilityServerErrorsTest {

    private static final String BASE = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/ai/backends";
    private static final String ITEM = BASE + "/openai";
    /** More than any client here sends: "always". */
    private static final int ALWAYS = 50;

    private ReliabilityCluster cluster;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = new ReliabilityCluster("ai");
        try (KgatewayClient seeder = KgatewayClient.builder().config(cluster.directConfig()).build()) {
            seeder.backends().inNamespace("ai").create(backend("openai"));
        }
        cluster.server.clearRequests();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        cluster.close();
    }

    private NamespacedBackendClient client(RetryPolicy policy) {
        return client(cluster.directConfig(), policy);
    }

    private NamespacedBackendClient client(Config using, RetryPolicy policy) {
        KgatewayClient kgw = KgatewayClient.builder().config(using).retryPolicy(policy).build();
        closeables.add(kgw);
        return kgw.backends().inNamespace("ai");
    }

    private static Backend backend(String name) {
        return BackendJson.fromJson("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ai\"},"
                + "\"spec\":{\"type\":\"AI\",\"ai\":{\"llm\":{\"openai\":{\"authToken\":{\"secretRef\":{\"name\":\"k\"}}}}}}}");
    }

    private static String status(int code, String reason, Integer retryAfterSeconds) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + reason + "\",\"reason\":\""
                + reason + "\"" + (retryAfterSeconds == null ? "" : ",\"details\":{\"retryAfterSeconds\":" + retryAfterSeconds + "}")
                + ",\"code\":" + code + "}";
    }

    private static Predicate<RecordedCall> call(String method, String path) {
        return c -> c.method().equals(method) && c.path().equals(path) && !c.isWatch();
    }

    /** @return the requests the server received, as "METHOD path" (without the query) */
    private List<String> received() {
        return cluster.received();
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
    void getIsRetriedAfter429WaitingTheSecondsTheStatusAsksFor() {
        cluster.answerNext(2, call("GET", ITEM), 429, status(429, "TooManyRequests", 1));
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        List<Duration> delays = delaysOf(() -> assertThat(backends.get("openai")).isPresent());

        assertThat(received()).containsExactly("GET " + ITEM, "GET " + ITEM, "GET " + ITEM);
        assertThat(delays).as("the server's delay, twice").containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aRetryDelayAboveThirtySecondsIsCappedAtThirty() {
        cluster.answerNext(1, call("GET", ITEM), 429, status(429, "TooManyRequests", 120));
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        List<Duration> delays = delaysOf(() -> assertThat(backends.get("openai")).isPresent());

        assertThat(delays).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void getIsRetriedWaitingTheRetryAfterHeaderOfA429WhoseStatusGivesNoDelay() {
        cluster.server.faults().throttleNext(1, 1); // 429, Retry-After: 1, a Status without details
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        List<Duration> delays = delaysOf(() -> assertThat(backends.get("openai")).isPresent());

        assertThat(received()).containsExactly("GET " + ITEM, "GET " + ITEM);
        assertThat(delays).as("the header's delay").containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void getIsRetriedWaitingTheRetryAfterHeaderOfA503() {
        cluster.answerNext(1, call("GET", ITEM), c -> ReliabilityCluster.json(503, status(503, "ServiceUnavailable", null))
                .setHeader("Retry-After", "1"));
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        List<Duration> delays = delaysOf(() -> assertThat(backends.get("openai")).isPresent());

        assertThat(received()).containsExactly("GET " + ITEM, "GET " + ITEM);
        assertThat(delays).as("the header's delay").containsExactly(Duration.ofSeconds(1));
    }

    // ---- 5xx ----

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503, 504})
    void getIsRetriedAfter5xxUpToFourAttemptsWithBoundedBackoff(int code) {
        cluster.server.faults().failNext(ALWAYS, code, call("GET", ITEM));
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
    void getSucceedsWhenTheServerRecoversBeforeTheLastAttempt() {
        cluster.server.faults().failNext(3, 503, call("GET", ITEM));

        assertThat(client(RetryPolicy.DEFAULT).get("openai")).isPresent();
        assertThat(received()).hasSize(4);
    }

    @Test
    void notImplementedIsNotRetried() {
        cluster.server.faults().failNext(ALWAYS, 501, call("GET", ITEM));

        assertThat(catchThrowableOfType(KgatewayApiException.class, () -> client(RetryPolicy.DEFAULT).get("openai")).getCode()).isEqualTo(501);
        assertThat(received()).hasSize(1);
    }

    @Test
    void everyIdempotentCallIsRetriedOnceAfterOne5xx() {
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);
        Backend stored = backends.require("openai");
        cluster.server.faults().failNext(1, 502, call("GET", BASE))
                .failNext(1, 503, call("PUT", ITEM))
                .failNext(1, 504, call("PATCH", ITEM))
                .failNext(1, 500, call("DELETE", ITEM));

        assertThat(backends.list()).hasSize(1);
        assertThat(backends.update(stored).getMetadata().getName()).isEqualTo("openai");
        assertThat(backends.patch("openai", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}").getMetadata().getLabels()).containsEntry("a", "b");
        assertThat(backends.delete("openai")).isTrue();

        assertThat(cluster.server.faults().pending()).as("every fault answered").isZero();
        // GETs of the item: the read before the update, and those fabric8 makes before a merge patch
        assertThat(received()).filteredOn(r -> !r.equals("GET " + ITEM)).extracting(r -> r.substring(0, r.indexOf(' ')))
                .containsExactly("GET", "GET", "PUT", "PUT", "PATCH", "PATCH", "DELETE", "DELETE");
        assertThat(backends.get("openai")).as("deleted on the server").isEmpty();
    }

    // ---- create: never twice ----

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 503})
    void createIsSentExactlyOnceWhateverTheServerAnswers(int code) {
        cluster.server.faults().failNext(ALWAYS, code, call("POST", BASE));
        NamespacedBackendClient backends = client(RetryPolicy.DEFAULT);

        KgatewayApiException e = catchThrowableOfType(KgatewayApiException.class, () -> backends.create(backend("fresh")));

        assertThat(e.getCode()).isEqualTo(code);
        assertThat(received()).containsExactly("POST " + BASE);
        RecordedCall create = cluster.server.requests().get(0);
        assertThat(create.queryParameter("fieldValidation")).isEqualTo("Strict");
        assertThat(create.queryParameter("fieldManager")).isEqualTo("kgateway-java-sdk");
    }

    @Test
    void createWhoseConnectionDropsAfterTheServerGotItIsSentExactlyOnce() {
        cluster.proxy.dropResponsesTo("POST " + BASE);
        NamespacedBackendClient backends = client(cluster.proxiedConfig(), RetryPolicy.DEFAULT);

        KgatewayApiException e = catchThrowableOfType(KgatewayApiException.class, () -> backends.create(backend("fresh")));

        assertThat(e.getCode()).as("no answer").isZero();
        assertThat(e.getMessage()).startsWith("no answer from the API server: create");
        assertThat(cluster.proxy.dropped()).isEqualTo(1);
        assertThat(received()).containsExactly("POST " + BASE);
        assertThat(client(RetryPolicy.DEFAULT).get("fresh")).as("the create landed, once").isPresent();
    }

    @Test
    void deleteWhoseConnectionDropsAfterTheServerGotItReturnsTrueWithoutASecondDelete() {
        cluster.proxy.dropResponsesTo("DELETE " + ITEM);
        NamespacedBackendClient backends = client(cluster.proxiedConfig(), RetryPolicy.DEFAULT);

        assertThat(backends.delete("openai")).isTrue();

        assertThat(cluster.proxy.dropped()).isEqualTo(1);
        // the SDK reads the Backend back: the server answers 404, it is gone
        assertThat(received()).containsExactly("DELETE " + ITEM, "GET " + ITEM);
    }

    @Test
    void createThroughAWrappedFabric8ClientWithItsOwnRetriesIsSentExactlyOnce() {
        cluster.server.faults().failNext(ALWAYS, 500, call("POST", BASE));
        // a fabric8 client as an application builds it: fabric8 retries 10 times by default
        KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.directConfig())
                .withRequestRetryBackoffLimit(10).withRequestRetryBackoffInterval(10).build()).build();
        closeables.add(fabric8);
        NamespacedBackendClient backends = KgatewayClient.from(fabric8).backends().inNamespace("ai");

        KgatewayApiException e = catchThrowableOfType(KgatewayApiException.class, () -> backends.create(backend("fresh")));

        assertThat(e.getCode()).isEqualTo(500);
        assertThat(received()).containsExactly("POST " + BASE);
        RecordedCall create = cluster.server.requests().get(0);
        assertThat(create.queryParameter("fieldValidation")).isEqualTo("Strict");
        assertThat(create.queryParameter("fieldManager")).as("a wrapped client keeps its own field manager").isNull();
    }
}

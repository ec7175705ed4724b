package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.Faults;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.RetryPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Faults on demand, as API Priority and Fairness (https://kubernetes.io/docs/concepts/cluster-administration/flow-control/)
 * and rollouts show them. Faults are server-wide: one server per test method.
 */
@KgatewayTest(serverPerMethod = true)
@SuppressWarnings("try") // a watch is opened for its effect on the server
class FaultsTest {

    KgatewayTestServer server;
    @TestNamespace
    String ns;

    private KubernetesClient withoutRetries() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.config()).withRequestRetryBackoffLimit(0).build()).build();
    }

    @Test
    void throttledRequestsAre429WithRetryAfter() {
        server.faults().throttleNext(1, 7);

        RawHttp.Answer answer = RawHttp.send(server, "GET", Fixtures.backendsPath(ns), null, null);

        assertThat(answer.code()).isEqualTo(429);
        assertThat(answer.headers().get("retry-after")).containsExactly("7");
        assertThat(answer.json().path("reason").asString()).isEqualTo("TooManyRequests");
    }

    private RawHttp.Answer list() {
        return RawHttp.send(server, "GET", Fixtures.backendsPath(ns), null, null);
    }

    @Test
    void eachInjectedCodeCarriesKubeApiserversReasonAndMessage() {
        server.faults().failNext(1, 500).failNext(1, 503).failNext(1, 504).failNext(1, 418).failNext(1, 429);

        List<RawHttp.Answer> answers = List.of(list(), list(), list(), list(), list());

        assertThat(answers).extracting(RawHttp.Answer::code).containsExactly(500, 503, 504, 418, 429);
        assertThat(answers).extracting(a -> a.json().path("reason").asString())
                .containsExactly("InternalError", "ServiceUnavailable", "Timeout", "", "TooManyRequests");
        assertThat(answers).extracting(a -> a.json().path("message").asString()).containsExactly(
                "Internal error occurred: injected by the test server", "the server is currently unable to handle the request",
                "Timeout: request did not complete within requested timeout - context deadline exceeded",
                "injected by the test server", "Too many requests, please try again later.");
        assertThat(answers).extracting(a -> a.json().path("code").asInt()).containsExactly(500, 503, 504, 418, 429);
        assertThat(answers.get(0).headers()).doesNotContainKey("retry-after");
        assertThat(answers.get(4).headers().get("retry-after")).as("a 429 of failNext waits a second").containsExactly("1");
        assertThat(list().code()).as("then the server answers again").isEqualTo(200);
    }

    @Test
    void aFaultIsA4xxOr5xxForAtLeastOneRequest() {
        for (int[] bad : new int[][] {{0, 500}, {1, 399}, {1, 600}}) {
            assertThatThrownBy(() -> server.faults().failNext(bad[0], bad[1])).as("count %d, code %d", bad[0], bad[1])
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("count must be positive and code 4xx or 5xx");
        }
        server.faults().failNext(1, 400).failNext(1, 599);

        assertThat(server.faults().pending()).isEqualTo(2);
        assertThat(list().code()).isEqualTo(400);
        assertThat(list().code()).isEqualTo(599);
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    void clearForgetsPendingFaultsAndTheLatency() {
        Faults faults = server.faults();
        assertThat(faults.failNext(3, 503)).isSameAs(faults);
        assertThat(faults.throttleNext(1, 2)).isSameAs(faults);
        assertThat(faults.latency(Duration.ofSeconds(30))).isSameAs(faults);

        faults.clear();

        assertThat(server.faults().pending()).isZero();
        long start = System.nanoTime();
        assertThat(list().code()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aFabric8ClientWithoutRetriesSeesTheInjectedError() {
        try (KubernetesClient client = withoutRetries()) {
            server.faults().failNext(1, 503);

            assertThatThrownBy(() -> backends(client).inNamespace(ns).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
            assertThat(backends(client).inNamespace(ns).list().getItems()).as("only the next request failed").isEmpty();
        }
    }

    @Test
    void theSdkRetriesPastTransientErrors() {
        server.faults().failNext(1, 503).failNext(1, 429).failNext(1, 500);
        server.clearRequests();

        assertThat(server.kgatewayClient().backends().inNamespace(ns).list()).isEmpty();
        assertThat(server.requests()).hasSize(4);
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    void theSdkGivesUpWhenFaultsOutlastItsRetryPolicy() {
        try (KgatewayClient once = server.newKgatewayClient(b -> b.retryPolicy(RetryPolicy.NONE))) {
            server.faults().failNext(1, 500);

            assertThatThrownBy(() -> once.backends().inNamespace(ns).list())
                    .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(500));
        }
    }

    @Test
    void aFaultedWriteStoresNothing() {
        try (KgatewayClient once = server.newKgatewayClient(b -> b.retryPolicy(RetryPolicy.NONE))) {
            server.faults().failNext(1, 503, call -> call.method().equals("POST"));

            assertThatThrownBy(() -> once.backends().inNamespace(ns).create(Fixtures.staticBackend("web"))).isInstanceOf(KgatewayApiException.class);
            assertThat(once.backends().inNamespace(ns).get("web")).isEmpty();
        }
    }

    @Test
    void faultsCanTargetRequestsByPredicate() {
        server.faults().failNext(1, 500, call -> call.method().equals("DELETE"));
        server.kgatewayClient().backends().inNamespace(ns).create(Fixtures.staticBackend("web"));

        assertThat(server.faults().pending()).isEqualTo(1);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        server.faults().latency(Duration.ofMillis(300));
        try {
            long start = System.nanoTime();
            server.kgatewayClient().backends().inNamespace(ns).list();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        } finally {
            server.faults().latency(Duration.ZERO);
        }
    }

    @Test
    void droppingWatchesClosesEveryOpenWatch() {
        List<dev.kgateway.sdk.client.BackendEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var watch = server.kgatewayClient().backends().inNamespace(ns).watch(events::add)) {
            org.awaitility.Awaitility.await().until(() -> server.openWatches() == 1);

            assertThat(server.dropWatches()).isEqualTo(1);
            org.awaitility.Awaitility.await().until(() -> server.requests(RecordedCall::isWatch).size() >= 2);
        }
    }
}

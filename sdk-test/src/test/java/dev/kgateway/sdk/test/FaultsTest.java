package dev.kgateway.sdk.test;

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

        RawHttp.Answer answer = RawHttp.send(server, "GET", "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends", null, null);

        assertThat(answer.code()).isEqualTo(429);
        assertThat(answer.headers().get("retry-after")).containsExactly("7");
        assertThat(answer.json().path("reason").asString()).isEqualTo("TooManyRequests");
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

package dev.kgateway.sdk.client.kubeapiserver;

import static dev.kgateway.sdk.client.kubeapiserver.RealCluster.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendWriteOutcomeUnknownException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.KgatewayClientListener;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import dev.kgateway.sdk.kubeapiserver.LostAnswerProxy;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.ConditionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes whose answers are lost, through {@link LostAnswerProxy}, with other writers acting between
 * the lost answer and the client's check (from the client listener, on the caller's thread).
 */
@KubeApiServerTest
class LostAnswersOnKubeApiServerTest {

    KubeApiServer server;
    LostAnswerProxy proxy;
    KgatewayClient other;
    NamespacedBackendClient direct;
    String ns;

    @BeforeEach
    void connect() {
        proxy = new LostAnswerProxy(server);
        other = RealCluster.client(server);
        ns = RealCluster.namespace(server);
        direct = other.backends().inNamespace(ns);
    }

    @AfterEach
    void close() {
        other.close();
        proxy.close();
    }

    /** @return an SDK client through the proxy whose listener runs {@code meanwhile} once, at the first retry */
    private KgatewayClient throughProxy(Runnable meanwhile) {
        AtomicBoolean ran = new AtomicBoolean();
        return RealCluster.client(proxy.config(KubeApiServer.ADMIN), b -> b.listener(new KgatewayClientListener() {
            @Override
            public void onRetry(String verb, int attempt, String reason) {
                if (ran.compareAndSet(false, true)) {
                    meanwhile.run();
                }
            }
        }));
    }

    private static int count(Backend b) {
        return Integer.parseInt(b.getMetadata().getLabels().getOrDefault("count", "0"));
    }

    @Test
    void anEditWhoseAnswerIsLostWhileAnotherWriterReplacesTheAnnotationsIsNeverAppliedTwice() {
        direct.create(web("counter").withMetadata(web("counter").getMetadata().withLabels(Map.of("count", "0"))));
        try (KgatewayClient kgw = throughProxy(() -> direct.edit("counter", b -> b.withMetadata(b.getMetadata().withAnnotations(Map.of("owner", "other")))))) {
            proxy.loseAnswerTo("PUT", "/backends/counter");
            assertThatThrownBy(() -> kgw.backends().inNamespace(ns).edit("counter",
                    b -> b.editMetadata(m -> m.putLabels("count", Integer.toString(count(b) + 1)))))
                    .isInstanceOf(BackendWriteOutcomeUnknownException.class)
                    .hasMessageContaining("may have landed");
        }
        assertThat(proxy.lostAnswers()).isEqualTo(1);
        assertThat(count(direct.require("counter"))).isEqualTo(1);
    }

    @Test
    void anEditWhoseAnswerIsLostWithNoOtherWriterSaysItsOutcomeIsUnknownAndLandedOnce() {
        direct.create(web("counter").withMetadata(web("counter").getMetadata().withLabels(Map.of("count", "0"))));
        try (KgatewayClient kgw = throughProxy(() -> { })) {
            proxy.loseAnswerTo("PUT", "/backends/counter");
            assertThatThrownBy(() -> kgw.backends().inNamespace(ns).edit("counter",
                    b -> b.editMetadata(m -> m.putLabels("count", Integer.toString(count(b) + 1)))))
                    .isInstanceOf(BackendWriteOutcomeUnknownException.class);
        }
        assertThat(count(direct.require("counter"))).isEqualTo(1);
    }

    @Test
    void anEditWhoseRequestWasLostIsSentAgainAndLandsOnce() {
        direct.create(web("counter").withMetadata(web("counter").getMetadata().withLabels(Map.of("count", "0"))));
        try (KgatewayClient kgw = throughProxy(() -> { })) {
            proxy.loseRequest("PUT", "/backends/counter");
            Backend edited = kgw.backends().inNamespace(ns).edit("counter",
                    b -> b.editMetadata(m -> m.putLabels("count", Integer.toString(count(b) + 1))));
            assertThat(count(edited)).isEqualTo(1);
        }
        assertThat(proxy.lostRequests()).isEqualTo(1);
        assertThat(count(direct.require("counter"))).isEqualTo(1);
    }

    @Test
    void anUpdateRemovingAFinalizerWhoseAnswerWasLostAfterAStatusWriteIsAConflict() {
        Backend created = direct.create(web("web").withMetadata(web("web").getMetadata().withFinalizers(List.of("example.com/keep"))));
        BackendStatus status = BackendStatus.builder().addConditions(c -> c.type("Accepted").status(ConditionStatus.TRUE)
                .reason("Accepted").message("ok").lastTransitionTime("2026-01-01T00:00:00Z")).build();
        direct.updateStatus("web", b -> b.withStatus(status));       // moves the resourceVersion, not the finalizers
        try (KgatewayClient kgw = throughProxy(() -> { })) {
            proxy.loseAnswerTo("PUT", "/backends/web");            // the server refuses the stale PUT; that answer is lost
            assertThatThrownBy(() -> kgw.backends().inNamespace(ns).update(created.withMetadata(created.getMetadata().withFinalizers(List.of()))))
                    .isInstanceOf(BackendConflictException.class);
        }
        assertThat(direct.require("web").getMetadata().getFinalizers()).containsExactly("example.com/keep");
        direct.edit("web", b -> b.withMetadata(b.getMetadata().withFinalizers(List.of())));
    }

    @Test
    void anUpdateWhoseAnswerWasLostAfterItLandedReturnsTheStoredBackend() {
        Backend created = direct.create(web("web"));
        try (KgatewayClient kgw = throughProxy(() -> { })) {
            proxy.loseAnswerTo("PUT", "/backends/web");
            Backend sent = created.withMetadata(created.getMetadata().withLabels(Map.of("tier", "gold")));
            Backend returned = kgw.backends().inNamespace(ns).update(sent);
            assertThat(returned.getMetadata().getLabels()).containsEntry("tier", "gold");
            assertThat(returned).isEqualTo(direct.require("web"));
        }
        assertThat(proxy.lostAnswers()).isEqualTo(1);
    }

    @Test
    void aRetriedDeleteNeverDeletesABackendCreatedAgainUnderTheSameName() {
        direct.create(web("web"));
        AtomicBoolean recreated = new AtomicBoolean();
        try (KgatewayClient kgw = RealCluster.client(proxy.config(KubeApiServer.ADMIN), b -> b.listener(new KgatewayClientListener() {
            @Override
            public void onRequest(String verb, String outcome, Duration latency) {
                // the check after the lost DELETE read the old Backend: replace it before the retry
                if (verb.equals("get") && recreated.compareAndSet(false, true)) {
                    direct.delete("web");
                    direct.create(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("generation", "second"))));
                }
            }
        }))) {
            proxy.loseRequest("DELETE", "/backends/web");
            assertThat(kgw.backends().inNamespace(ns).delete("web")).isTrue();
        }
        assertThat(recreated).isTrue();
        assertThat(direct.require("web").getMetadata().getLabels()).containsEntry("generation", "second");
    }
}

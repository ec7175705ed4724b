package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.embeddedapiserver.BackendFixtures;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KgatewayInformerMetricsTest {

    private EmbeddedApiServer server;
    private ApplicationContextRunner runner;

    /** shop/web on the embedded API server, and an informer of namespace shop. */
    @BeforeEach
    void startServer() {
        server = EmbeddedApiServer.start();
        server.createNamespace("shop");
        try (KgatewayClient seed = KgatewayClient.builder().config(server.config()).build()) {
            seed.backends().inNamespace("shop").create(BackendFixtures.staticBackend("web"));
        }
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class, KgatewayMetricsAutoConfiguration.class))
                .withPropertyValues("kgateway.master-url=" + server.url(), "kgateway.informers.shop.namespace=shop");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void gaugesFollowTheCacheAndCountersItsChanges() {
        runner.run(context -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(KgatewayInformerMetrics.class).bindTo(registry);
            context.getBean("shop", ManagedBackendInformer.class).waitUntilSynced(Duration.ofSeconds(10));

            context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(BackendFixtures.staticBackend("db"));

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    registry.get("kgateway.informer.cache.size").tag("informer", "shop").gauge().value() == 2.0);
            assertThat(registry.get("kgateway.informer.synced").tag("informer", "shop").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("kgateway.informer.events").tags("informer", "shop", "type", "add").functionCounter().count())
                    .isEqualTo(2.0);
            assertThat(registry.get("kgateway.informer.last.change").tag("informer", "shop").timeGauge().value())
                    .isPositive();
        });
    }

    @Test
    void noTagNamesANamespaceOrABackend() {
        runner.run(context -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(KgatewayInformerMetrics.class).bindTo(registry);

            assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter ->
                    assertThat(meter.getId().getTags()).allSatisfy(tag ->
                            assertThat(tag.getKey()).isIn("informer", "type")));
        });
    }
}

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

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configured client records its {@code kgateway.client.*} meters in the application's registry. */
class KgatewayClientMetricsAutoConfigurationTest {

    private EmbeddedApiServer server;
    private ApplicationContextRunner runner;

    @BeforeEach
    void startServer() {
        server = EmbeddedApiServer.start();
        server.createNamespace("shop");
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class, KgatewayMetricsAutoConfiguration.class))
                .withPropertyValues("kgateway.master-url=" + server.url());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void requestsOfTheAutoConfiguredClientAreTimedInTheApplicationsRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(BackendFixtures.staticBackend("web"));
            context.getBean(KgatewayClient.class).backends().inNamespace("shop").list();

            assertThat(registry.get("kgateway.client.requests").tags("verb", "create", "outcome", "2xx").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("kgateway.client.requests").tags("verb", "list", "outcome", "2xx").timer().count())
                    .isEqualTo(1);
        });
    }

    @Test
    void withoutARegistryTheClientIsBuiltWithoutMetrics() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class);

            context.getBean(KgatewayClient.class).backends().inNamespace("shop").list();
        });
    }
}

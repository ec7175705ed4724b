package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KgatewayHealthIndicatorTest {

    private EmbeddedApiServer server;
    private ApplicationContextRunner runner;

    /** A server without the Backend CRD: the application installs it, or it is missing. */
    @BeforeEach
    void startServer() {
        server = EmbeddedApiServer.builder().crds().start();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class, KgatewayHealthAutoConfiguration.class))
                .withPropertyValues("kgateway.master-url=" + server.url(), "kgateway.retry.max-attempts=1");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static Health health(org.springframework.context.ApplicationContext context) {
        return context.getBean("kgatewayHealthIndicator", KgatewayHealthIndicator.class).health(true);
    }

    @Test
    void upWhenTheCrdIsInstalledAndInformersSynced() {
        runner.withPropertyValues("kgateway.install-crd=true", "kgateway.informers.all.resync=0s").run(context -> {
            context.getBean("all", ManagedBackendInformer.class).waitUntilSynced(Duration.ofSeconds(10));

            Health health = health(context);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("crd", "installed")
                    .containsEntry("kgatewayRelease", "unknown (not installed by kgateway)")
                    .containsEntry("informers", Map.of("all", Map.of("running", true, "synced", true, "size", 0)));
        });
    }

    @Test
    void downWhenTheCrdIsMissing() {
        runner.run(context -> {
            Health health = health(context);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("crd", "missing");
        });
    }

    @Test
    void downWithTheErrorWhenTheClusterCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        runner.withPropertyValues("kgateway.master-url=http://127.0.0.1:" + closedPort).run(context -> {
            Health health = health(context);

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
        });
    }

    @Test
    void canBeTurnedOffWithTheStandardProperty() {
        runner.withPropertyValues("management.health.kgateway.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(KgatewayHealthIndicator.class));
    }
}

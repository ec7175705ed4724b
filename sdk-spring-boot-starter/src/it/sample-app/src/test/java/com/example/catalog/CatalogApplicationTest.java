package com.example.catalog;

import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts the application against an embedded Kubernetes API server (fabric8's mock, CRUD mode). */
class CatalogApplicationTest {

    private KubernetesMockServer server;

    @BeforeEach
    void startApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
    }

    @AfterEach
    void stopApiServer() {
        server.destroy();
    }

    @Test
    void startsCreatesABackendReportsHealthUpAndShowsMetrics() {
        try (ConfigurableApplicationContext app = SpringApplication.run(CatalogApplication.class,
                "--kgateway.master-url=" + server.url("/"),
                "--kgateway.install-crd=true")) {      // the mock server has no kgateway installed
            BackendCatalog catalog = app.getBean(BackendCatalog.class);

            Backend created = catalog.register("payments", "10.0.0.7", 8080);

            assertThat(created.getMetadata().getNamespace()).isEqualTo("catalog");
            assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
            await().atMost(Duration.ofSeconds(20)).until(() -> catalog.cataloged().size() == 1);

            HealthIndicator kgateway = (HealthIndicator) app.getBean(HealthContributorRegistry.class).getContributor("kgateway");
            Health health = kgateway.health(true);
            System.out.println("health kgateway: " + health.getStatus() + " " + health.getDetails());
            assertThat(health.getStatus()).isEqualTo(Status.UP);

            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("kgateway.informer.cache.size").tag("informer", "catalog").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("kgateway.informer.synced").tag("informer", "catalog").gauge().value()).isEqualTo(1.0);
            for (Meter meter : meters.getMeters()) {
                if (meter.getId().getName().startsWith("kgateway.")) {
                    System.out.println("metric " + meter.getId().getName() + " " + meter.getId().getTags() + " = " + meter.measure());
                }
            }
        }
    }
}

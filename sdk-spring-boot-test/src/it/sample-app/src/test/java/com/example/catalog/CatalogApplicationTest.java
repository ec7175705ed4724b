package com.example.catalog;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.spring.boot.test.AutoConfigureKgatewayTestServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole application (health, metrics) against the test kit's embedded API server. */
@SpringBootTest
@AutoConfigureKgatewayTestServer(namespaces = "catalog")     // kgateway.namespace and the informer's namespace
class CatalogApplicationTest {

    @Autowired
    BackendCatalog catalog;

    @Autowired
    HealthContributorRegistry health;

    @Autowired
    MeterRegistry meters;

    @Test
    void startsCreatesABackendReportsHealthUpAndShowsMetrics() {
        Backend created = catalog.register("payments", "10.0.0.7", 8080);

        assertThat(created.getMetadata().getNamespace()).isEqualTo("catalog");
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.cataloged().size() == 1);

        Health kgateway = ((HealthIndicator) health.getContributor("kgateway")).health(true);
        System.out.println("health kgateway: " + kgateway.getStatus() + " " + kgateway.getDetails());
        assertThat(kgateway.getStatus()).isEqualTo(Status.UP);

        assertThat(meters.get("kgateway.informer.cache.size").tag("informer", "catalog").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("kgateway.informer.synced").tag("informer", "catalog").gauge().value()).isEqualTo(1.0);
        for (Meter meter : meters.getMeters()) {
            if (meter.getId().getName().startsWith("kgateway.")) {
                System.out.println("metric " + meter.getId().getName() + " " + meter.getId().getTags() + " = " + meter.measure());
            }
        }
    }
}

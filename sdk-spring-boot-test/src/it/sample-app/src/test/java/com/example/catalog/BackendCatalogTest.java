package com.example.catalog;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.spring.boot.test.AutoConfigureKgatewayTestServer;
import dev.kgateway.sdk.spring.boot.test.KgatewayClientTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** BackendCatalog in a kgateway slice: only the SDK's auto-configuration, the informer of application.properties and this service. */
@KgatewayClientTest
@AutoConfigureKgatewayTestServer(namespaces = "catalog")
@Import(BackendCatalog.class)
class BackendCatalogTest {

    @Autowired
    BackendCatalog catalog;

    @Autowired
    KgatewayTestServer server;

    @Test
    void aCreateRefusedWith503IsNotRetriedAndRegisteringAgainWorks() {
        server.faults().failNext(1, 503, call -> call.method().equals("POST"));

        assertThatThrownBy(() -> catalog.register("orders", "10.0.0.8", 8080)).isInstanceOf(KgatewayApiException.class);
        catalog.register("orders", "10.0.0.8", 8080);

        assertThat(server.requests(call -> call.method().equals("POST") && call.path().endsWith("/namespaces/catalog/backends")))
                .hasSize(2);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> catalog.cataloged().stream().anyMatch(b -> b.getMetadata().getName().equals("orders")));
    }
}

package com.example.shop;

import dev.kgateway.sdk.spring.boot.test.AutoConfigureKgatewayTestServer;
import dev.kgateway.sdk.test.KgatewayTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static com.example.shop.KgatewayClientTestContextTest.autoConfigurations;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code @AutoConfigureKgatewayTestServer} on a full {@code @SpringBootTest}: the whole application against the embedded server. */
@SpringBootTest
@AutoConfigureKgatewayTestServer
class FullContextTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    ShopService shop;

    @Autowired
    KgatewayTestServer server;

    @Test
    void theApplicationsComponentsUseTheEmbeddedServer() {
        shop.register("web", "10.0.0.1");

        assertThat(shop.all()).extracting(b -> b.getMetadata().getName()).containsExactly("web");
        assertThat(server.requests(call -> call.method().equals("POST") && call.path().endsWith("/namespaces/default/backends")))
                .hasSize(1);
    }

    @Test
    void springBootsOtherAutoConfigurationIsApplied() {
        assertThat(autoConfigurations(context))
                .contains("dev.kgateway.sdk.spring.boot.KgatewayAutoConfiguration")
                .anyMatch(name -> name.startsWith("org.springframework.boot.autoconfigure."));
        assertThat(context.containsBean("applicationTaskExecutor")).isTrue();
    }
}

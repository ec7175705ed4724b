package com.example.shop;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.embeddedapiserver.BackendFixtures;
import dev.kgateway.sdk.spring.boot.test.AutoConfigureKgatewayTestServer;
import dev.kgateway.sdk.spring.boot.test.KgatewayClientTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a {@code @KgatewayClientTest} context holds, and what it leaves out. */
@KgatewayClientTest(properties = {"kgateway.namespace=shop", "kgateway.retry.initial-backoff=20ms"})
@AutoConfigureKgatewayTestServer(namespaces = "shop")
class KgatewayClientTestContextTest {

    @Autowired
    ConfigurableApplicationContext context;

    /** The classes of the auto-configurations in the context, by the {@code AutoConfiguration} suffix of their bean names. */
    static List<String> autoConfigurations(ConfigurableApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> name.endsWith("AutoConfiguration"))
                .sorted()
                .toList();
    }

    @Test
    void onlyTheKgatewayAutoConfigurationIsApplied() {
        assertThat(autoConfigurations(context))
                .contains("dev.kgateway.sdk.spring.boot.KgatewayAutoConfiguration")
                .allMatch(name -> name.startsWith("dev.kgateway.sdk.spring.boot.Kgateway"));
        assertThat(context.containsBean("applicationTaskExecutor")).isFalse();
    }

    @Test
    void applicationComponentsAreLeftOut() {
        assertThat(context.getBeanNamesForType(ShopService.class)).isEmpty();
    }

    @Test
    void theServerIsABeanAndTheClientTalksToIt() {
        KgatewayTestServer server = context.getBean(KgatewayTestServer.class);
        KgatewayClient client = context.getBean(KgatewayClient.class);

        assertThat(client.kubernetesClient().getMasterUrl().toString()).isEqualTo(server.url());
    }

    @Test
    void theSlicePropertiesConfigureTheClient() {
        assertThat(context.getBean(KgatewayClient.class).backends().inDefaultNamespace().namespace()).isEqualTo("shop");
        assertThat(context.getEnvironment().getProperty("kgateway.retry.initial-backoff")).isEqualTo("20ms");
        assertThat(context.getEnvironment().getProperty("kgateway.retry.max-backoff")).isEqualTo("100ms");
    }

    @Test
    void theNamespacesAskedForExistBeforeTheContextStarts() {
        KgatewayClient client = context.getBean(KgatewayClient.class);

        client.backends().inDefaultNamespace().create(BackendFixtures.staticBackend("web", "10.0.0.1", 8080));

        assertThat(client.backends().inNamespace("shop").get("web")).isPresent();
    }
}

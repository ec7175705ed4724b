package com.example.shop;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.spring.boot.test.KgatewayClientTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.function.Predicate;

import static dev.kgateway.sdk.embeddedapiserver.BackendFixtures.staticBackend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a test gets from {@code @KgatewayClientTest}: the auto-configured client talking to the embedded server. */
@KgatewayClientTest
class KgatewayClientTestTest {

    @Autowired
    KgatewayClient kgateway;

    @Autowired
    KgatewayTestServer server;

    private static Predicate<RecordedCall> listOf(String namespace) {
        return call -> call.method().equals("GET") && call.path().endsWith("/namespaces/" + namespace + "/backends");
    }

    @Test
    void theAutoConfiguredClientCreatesAndListsBackendsOnTheEmbeddedServer() {
        String ns = server.createNamespace();
        NamespacedBackendClient backends = kgateway.backends().inNamespace(ns);

        backends.create(staticBackend("web", "10.0.0.1", 8080));
        backends.create(staticBackend("api", "10.0.0.2", 8080));

        assertThat(backends.list()).extracting(b -> b.getMetadata().getName()).containsExactly("api", "web");
        assertThat(server.requests(call -> call.method().equals("POST") && call.path().endsWith("/namespaces/" + ns + "/backends")))
                .hasSize(2);
    }

    @Test
    void theServerHasTheBackendCrdInstalled() {
        assertThat(server.kubernetesClient().apiextensions().v1().customResourceDefinitions()
                .withName("backends.gateway.kgateway.dev").get()).isNotNull();
    }

    @Test
    void aTransient503IsRetriedByTheAutoConfiguredClient() {
        String ns = server.createNamespace();
        server.faults().failNext(1, 503, listOf(ns));

        assertThat(kgateway.backends().inNamespace(ns).list()).isEmpty();

        assertThat(server.requests(listOf(ns))).hasSize(2);
        assertThat(server.faults().pending()).isZero();
    }

    @Test
    void aFaultThatOutlastsTheRetryPropertiesReachesTheCaller() {
        String ns = server.createNamespace();
        server.faults().failNext(10, 503, listOf(ns));
        try {
            assertThatThrownBy(() -> kgateway.backends().inNamespace(ns).list()).isInstanceOf(KgatewayApiException.class);
            // kgateway.retry.max-attempts defaults to 4
            assertThat(server.requests(listOf(ns))).hasSize(4);
        } finally {
            server.faults().clear();
        }
    }

    @Test
    void customizerComponentsAreScannedIntoTheSlice() {
        String ns = server.createNamespace();

        kgateway.backends().inNamespace(ns).apply(staticBackend("web", "10.0.0.1", 8080));

        assertThat(server.requests(call -> call.method().equals("PATCH") && call.path().endsWith("/namespaces/" + ns + "/backends/web")))
                .extracting(call -> call.queryParameter("fieldManager")).containsExactly("shop");
    }
}

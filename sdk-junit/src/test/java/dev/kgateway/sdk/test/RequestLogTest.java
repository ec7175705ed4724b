package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.KgatewayClient;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The request log: what the server received, credentials redacted. */
@KgatewayTest
class RequestLogTest {

    KgatewayTestServer server;
    @TestNamespace
    String ns;

    @Test
    void recordsMethodPathQueryContentTypeAndBody() {
        server.clearRequests();
        server.kgatewayClient().backends().inNamespace(ns).apply(Fixtures.staticBackend("web"), ApplyOptions.fieldManager("ci").withForce(true));

        RecordedCall apply = server.requests(c -> c.method().equals("PATCH")).get(0);
        assertThat(apply.path()).isEqualTo("/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends/web");
        assertThat(apply.query()).containsEntry("fieldManager", "ci").containsEntry("force", "true");
        assertThat(apply.contentType()).startsWith("application/apply-patch+yaml");
        assertThat(apply.body()).contains("10.0.0.1");
    }

    @Test
    void bearerTokensAreRedactedInHeadersAndNeverPrinted() {
        String token = "s3cr3t-token-value";
        try (KgatewayClient withToken = KgatewayClient.builder().config(new ConfigBuilder(server.config()).withOauthToken(token).build()).build()) {
            server.clearRequests();
            withToken.backends().inNamespace(ns).list();
        }

        RecordedCall call = server.requests().get(0);
        assertThat(call.header("Authorization")).isEqualTo("<redacted>");
        assertThat(call.toString()).doesNotContain(token);
        assertThat(server.requests().toString()).doesNotContain(token);
        assertThat(server.toString()).doesNotContain(token);
    }

    @Test
    void secretDataIsRedactedInLoggedBodies() {
        // the server stores only namespaces, CRDs and custom resources; the request is logged all the same
        server.clearRequests();
        try {
            server.kubernetesClient().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("key").endMetadata()
                    .withStringData(Map.of("apiKey", "sk-live-123")).build()).create();
        } catch (RuntimeException notServed) {
            // 404: Secrets are not modelled
        }

        assertThat(server.requests()).isNotEmpty().allSatisfy(c -> assertThat(c.body()).doesNotContain("sk-live-123"));
    }
}

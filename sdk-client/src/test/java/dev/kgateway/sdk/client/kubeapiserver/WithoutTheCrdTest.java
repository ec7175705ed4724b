package dev.kgateway.sdk.client.kubeapiserver;

import dev.kgateway.sdk.client.BackendSelector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A cluster that serves no Backends: kube-apiserver answers their paths with a plain-text
 * {@code 404 page not found}, not a Status. Every verb must say the CRD is missing, never "no such
 * Backend".
 */
@KubeApiServerTest(dedicated = true)
class WithoutTheCrdTest {

    KubeApiServer server;
    KgatewayClient kgw;
    NamespacedBackendClient backends;

    @BeforeEach
    void connect() {
        kgw = KgatewayClient.builder().config(server.config()).retryPolicy(RealCluster.QUICK).build();
        backends = kgw.backends().inNamespace(RealCluster.namespace(server));
    }

    @AfterEach
    void close() {
        kgw.close();
    }

    @Test
    void theServerAnswersAnUnservedResourceWithPlainText404() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustAll()).build();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/apis/gateway.kgateway.dev/v1alpha1/namespaces/default/backends/web"))
                .header("Authorization", "Bearer " + server.config().getOauthToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("404 page not found\n");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }

    @Test
    void getSaysTheCrdIsMissing() {
        assertNotServed(() -> backends.get("web"));
    }

    @Test
    void deleteSaysTheCrdIsMissing() {
        assertNotServed(() -> backends.delete("web"));
    }

    @Test
    void deleteAllSaysTheCrdIsMissing() {
        assertNotServed(() -> backends.deleteAll(BackendSelector.withLabel("team", "x")));
    }

    @Test
    void listSaysTheCrdIsMissing() {
        assertNotServed(() -> backends.list());
    }

    @Test
    void createSaysTheCrdIsMissing() {
        assertNotServed(() -> backends.create(RealCluster.web("web")));
    }

    @Test
    void editSaysTheCrdIsMissing() {
        assertNotServed(() -> backends.edit("web", b -> b));
    }

    private static void assertNotServed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KgatewayApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(404);
            assertThat(e.getMessage()).contains("is not served by the cluster").contains("CustomResourceDefinition is not installed");
        });
    }

    private static javax.net.ssl.SSLContext trustAll() throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return tls;
    }
}

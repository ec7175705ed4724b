package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.kgateway.sdk.client.TestBackends.NS;
import static dev.kgateway.sdk.client.TestBackends.json;
import static dev.kgateway.sdk.client.TestBackends.listJson;
import static dev.kgateway.sdk.client.TestBackends.statusJson;
import static dev.kgateway.sdk.client.TestBackends.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries against a misbehaving server (expectations mode). The SDK clients here build their own
 * fabric8 client from the mock's configuration, which turns fabric8's own retries off, so every
 * retry seen is the SDK's.
 */
@EnableKubernetesMockClient
class FaultsTest {

    private static final String BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + NS + "/backends";
    private static final String OPENAI = BACKENDS + "/openai";
    private static final RetryPolicy FAST = new RetryPolicy(4, 30, Duration.ofMillis(10), Duration.ofMillis(50));

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<KgatewayClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(KgatewayClient::close);
    }

    private NamespacedBackendClient backends(RetryPolicy policy) {
        KgatewayClient kgw = KgatewayClient.builder().config(client.getConfiguration()).retryPolicy(policy).build();
        clients.add(kgw);
        return kgw.backends().inNamespace(NS);
    }

    private List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            out.add(r);
        }
        return out;
    }

    private static Backend openai() {
        return stored(TestBackends.openAiBackend("openai"), NS, "9");
    }

    @Test
    void getIsRetriedAfter500AndSucceeds() throws Exception {
        server.expect().get().withPath(OPENAI).andReturn(500, statusJson(500, "InternalError", "etcd timeout")).once();
        server.expect().get().withPath(OPENAI).andReturn(200, json(openai())).once();

        assertThat(backends(FAST).get("openai")).contains(openai());
        assertThat(requests()).hasSize(2);
    }

    @Test
    void getFailsWith500WhenRetriesAreOff() throws Exception {
        server.expect().get().withPath(OPENAI).andReturn(500, statusJson(500, "InternalError", "etcd timeout")).once();
        server.expect().get().withPath(OPENAI).andReturn(200, json(openai())).once();

        assertThatThrownBy(() -> backends(RetryPolicy.NONE).get("openai"))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(500);
                    assertThat(e.getServerMessage()).isEqualTo("etcd timeout");
                    assertThat(e.getName()).isEqualTo("openai");
                });
        assertThat(requests()).hasSize(1);
    }

    @Test
    void listIsRetriedAfter500AndSucceeds() throws Exception {
        server.expect().get().withPath(BACKENDS + "?limit=500").andReturn(500, statusJson(500, "InternalError", "etcd timeout")).once();
        server.expect().get().withPath(BACKENDS + "?limit=500").andReturn(200, listJson("9", null, openai())).once();

        assertThat(backends(FAST).list()).containsExactly(openai());
        assertThat(requests()).hasSize(2);
    }

    @Test
    void getGivesUpAfterTheConfiguredNumberOfAttempts() throws Exception {
        server.expect().get().withPath(OPENAI).andReturn(503, statusJson(503, "ServiceUnavailable", "apiserver is shutting down")).always();

        assertThatThrownBy(() -> backends(FAST).get("openai"))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(503));
        assertThat(requests()).hasSize(FAST.maxAttempts());
    }

    @Test
    void tooManyRequestsIsRetried() throws Exception {
        server.expect().get().withPath(OPENAI).andReturn(429, statusJson(429, "TooManyRequests", "slow down")).once();
        server.expect().get().withPath(OPENAI).andReturn(200, json(openai())).once();

        assertThat(backends(FAST).get("openai")).contains(openai());
        assertThat(requests()).hasSize(2);
    }

    @Test
    void createAnswered500IsNotRetried() throws Exception {
        server.expect().post().withPath(BACKENDS + TestBackends.WRITE).andReturn(500, statusJson(500, "InternalError", "etcd timeout")).once();
        server.expect().post().withPath(BACKENDS + TestBackends.WRITE).andReturn(201, json(openai())).once();

        assertThatThrownBy(() -> backends(FAST).create(TestBackends.openAiBackend("openai")))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(500));
        assertThat(requests()).extracting(RecordedRequest::getMethod).containsExactly("POST");
    }

    @Test
    void createThroughAFabric8ClientThatRetriesIsStillSentOnce() throws Exception {
        server.expect().post().withPath(BACKENDS + "?fieldValidation=Strict").andReturn(500, statusJson(500, "InternalError", "etcd timeout")).once();
        server.expect().post().withPath(BACKENDS + "?fieldValidation=Strict").andReturn(201, json(openai())).once();
        Config retrying = new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(5).withRequestRetryBackoffInterval(10).build();

        try (KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(retrying).build();
             KgatewayClient kgw = KgatewayClient.from(fabric8)) {
            assertThatThrownBy(() -> kgw.backends().inNamespace(NS).create(TestBackends.openAiBackend("openai")))
                    .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(500));
        }
        assertThat(requests()).extracting(RecordedRequest::getMethod).containsExactly("POST");
    }

    @Test
    void persistent5xxThroughAWrappedFabric8ClientCostsOnlyTheSdksAttempts() throws Exception {
        server.expect().get().withPath(OPENAI).andReturn(503, statusJson(503, "ServiceUnavailable", "rolling")).always();
        Config retrying = new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(10).withRequestRetryBackoffInterval(1).build();

        try (KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(retrying).build();
             KgatewayClient kgw = KgatewayClient.builder().kubernetesClient(fabric8).retryPolicy(FAST).build()) {
            assertThatThrownBy(() -> kgw.backends().inNamespace(NS).get("openai"))
                    .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(503));
            assertThat(requests()).as("one retry layer: the SDK's").hasSize(FAST.maxAttempts());
            // the wrapped client keeps its own settings for the caller's own requests
            assertThat(fabric8.getConfiguration().getRequestRetryBackoffLimit()).isEqualTo(10);
        }
    }

    @Test
    void createAnswered429IsSentAgainBecauseNothingWasStored() throws Exception {
        server.expect().post().withPath(BACKENDS + TestBackends.WRITE).andReturn(429, statusJson(429, "TooManyRequests", "slow down")).once();
        server.expect().post().withPath(BACKENDS + TestBackends.WRITE).andReturn(201, json(openai())).once();

        assertThat(backends(FAST).create(TestBackends.openAiBackend("openai")).getMetadata().getName()).isEqualTo("openai");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void updateIsRetriedAfter500() throws Exception {
        server.expect().put().withPath(OPENAI + TestBackends.WRITE).andReturn(500, statusJson(500, "InternalError", "etcd timeout")).once();
        server.expect().put().withPath(OPENAI + TestBackends.WRITE).andReturn(200, json(stored(TestBackends.openAiBackend("openai"), NS, "10"))).once();

        Backend updated = backends(FAST).update(openai());

        assertThat(updated.getMetadata().getResourceVersion()).isEqualTo("10");
        // a 500 may come after the server committed: the client reads the Backend (here: absent) before repeating the PUT
        assertThat(requests()).extracting(RecordedRequest::getMethod).containsExactly("PUT", "GET", "PUT");
    }

    @Test
    void notImplementedIsNotRetried() throws Exception {
        server.expect().get().withPath(OPENAI).andReturn(501, statusJson(501, "NotImplemented", "no")).always();

        assertThatThrownBy(() -> backends(FAST).get("openai"))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(501));
        assertThat(requests()).hasSize(1);
    }

    @Test
    void readThatLosesItsConnectionIsRetried() throws Exception {
        try (FlakyHttpServer flaky = new FlakyHttpServer(1, json(openai()));
             KgatewayClient kgw = KgatewayClient.builder().config(flaky.config(client)).retryPolicy(FAST).build()) {

            assertThat(kgw.backends().inNamespace(NS).get("openai")).contains(openai());
            assertThat(flaky.connections()).isEqualTo(2);
        }
    }

    @Test
    void createThatLosesItsConnectionIsNotRetried() throws Exception {
        try (FlakyHttpServer flaky = new FlakyHttpServer(1, json(openai()));
             KgatewayClient kgw = KgatewayClient.builder().config(flaky.config(client)).retryPolicy(FAST).build()) {

            assertThatThrownBy(() -> kgw.backends().inNamespace(NS).create(TestBackends.openAiBackend("openai")))
                    .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isZero())
                    .hasMessageContaining("no answer from the API server");
            assertThat(flaky.connections()).isEqualTo(1);
        }
    }

    /**
     * A bare HTTP/1.1 server: it closes the first {@code drops} connections after reading the
     * request, without answering (a lost connection); later requests get {@code 200} and {@code body}.
     */
    static final class FlakyHttpServer implements AutoCloseable {
        private final java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        private final Thread acceptor;

        FlakyHttpServer(int drops, String body) throws java.io.IOException {
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket s = socket.accept()) {
                        int n = connections.incrementAndGet();
                        readHead(s.getInputStream());
                        if (n > drops) {
                            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                    + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            s.getOutputStream().write(bytes);
                            s.getOutputStream().flush();
                        } else {
                            s.setSoLinger(true, 0); // reset, as a dying load balancer would
                        }
                    } catch (java.io.IOException closed) {
                        // server closed, or the client went away
                    }
                }
            }, "flaky-http-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void readHead(java.io.InputStream in) throws java.io.IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int c = in.read(); c >= 0; c = in.read()) {
                matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
                if (matched == end.length) {
                    return;
                }
            }
        }

        io.fabric8.kubernetes.client.Config config(KubernetesClient like) {
            return new io.fabric8.kubernetes.client.ConfigBuilder(like.getConfiguration())
                    .withMasterUrl("http://localhost:" + socket.getLocalPort()).build();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }
}

package dev.kgateway.sdk.client.kubeapiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.KgatewayClientListener;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver's max-in-flight limit (API Priority and Fairness off, one mutating request at a
 * time): a mutating request that arrives while the one slot is taken gets a plain-text 429 with only
 * {@code Retry-After: 1}. The slot is held by a POST whose body never comes. The limit does not apply
 * to {@code system:masters}, so the tests write as user {@code app}, bound to {@code cluster-admin}.
 */
@KubeApiServerTest(flags = {"enable-priority-and-fairness=false", "max-mutating-requests-inflight=1"}, users = ThrottlingOnKubeApiServerTest.APP)
class ThrottlingOnKubeApiServerTest {

    static final String APP = "app";

    KubeApiServer server;

    @BeforeAll
    static void grantTheAppUser(KubeApiServer server) {
        try (KubernetesClient admin = RealCluster.fabric8(server)) {
            admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("app-admin").endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                    .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(APP).endSubject().build()).create();
        }
    }

    @Test
    void aThrottled429IsPlainTextWithOnlyRetryAfter() throws Exception {
        try (SlotHolder held = new SlotHolder(server)) {
            List<String> answer = rawPost(server, "/api/v1/namespaces/default/configmaps", "{}");
            assertThat(answer.get(0)).isEqualTo("HTTP/1.1 429 Too Many Requests");
            assertThat(answer).contains("Retry-After: 1").anyMatch(h -> h.startsWith("Content-Type: text/plain"));
            assertThat(answer.get(answer.size() - 1)).isEqualTo("Too many requests, please try again later.");
        }
    }

    @Test
    void aClientMadeFromAFabric8ClientWaitsOutTheServersThrottling() throws IOException {
        String ns = RealCluster.namespace(server);
        try (KgatewayClient setup = RealCluster.client(server)) {
            setup.backends().inNamespace(ns).create(RealCluster.web("web"));
        }
        List<long[]> retries = new CopyOnWriteArrayList<>();
        KgatewayClientListener timing = new KgatewayClientListener() {
            @Override
            public void onRetry(String verb, int attempt, String reason) {
                retries.add(new long[] {System.nanoTime(), reason.equals("429") ? 1 : 0});
            }
        };
        try (KubernetesClient app = new KubernetesClientBuilder().withConfig(server.config(APP)).build();
             KgatewayClient kgw = KgatewayClient.builder().kubernetesClient(app).retryPolicy(RealCluster.QUICK).listener(timing).build()) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(ns);
            long start;
            try (SlotHolder held = new SlotHolder(server)) {
                start = System.nanoTime();
                new Thread(() -> sleepThenClose(held, Duration.ofMillis(1500))).start();
                backends.patch("web", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}");
            }
            assertThat(backends.require("web").getMetadata().getLabels()).containsEntry("tier", "gold");
            assertThat(retries).isNotEmpty().allMatch(r -> r[1] == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1400));
        }
    }

    @Test
    void aThrottledCreateIsSentAgainBecauseTheServerStoredNothing() throws IOException {
        String ns = RealCluster.namespace(server);
        List<String> retries = new CopyOnWriteArrayList<>();
        try (KgatewayClient kgw = RealCluster.client(server.config(APP), b -> b.listener(new KgatewayClientListener() {
            @Override
            public void onRetry(String verb, int attempt, String reason) {
                retries.add(verb + " " + reason);
            }
        }))) {
            try (SlotHolder held = new SlotHolder(server)) {
                new Thread(() -> sleepThenClose(held, Duration.ofMillis(1500))).start();
                kgw.backends().inNamespace(ns).create(RealCluster.web("web"));
            }
            assertThat(retries).isNotEmpty().allMatch(r -> r.equals("create 429"));
            assertThat(kgw.backends().inNamespace(ns).list()).hasSize(1);
        }
    }

    private static void sleepThenClose(SlotHolder held, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.close();
    }

    /** @return the status line, the headers and the last body line of a raw POST as user {@code app} */
    static List<String> rawPost(KubeApiServer server, String path, String body) throws IOException {
        try (SSLSocket socket = open(server)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.config(APP).getOauthToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }

    static SSLSocket open(KubeApiServer server) throws IOException {
        try {
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(server.config().getCaCertFile()))) {
                for (var cert : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("c" + i++, cert);
                }
            }
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            tls.init(null, trust.getTrustManagers(), null);
            URI url = URI.create(server.url());
            return (SSLSocket) tls.getSocketFactory().createSocket(url.getHost(), url.getPort());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Takes the one mutating slot: a POST that announces a body and sends none, until closed. */
    static final class SlotHolder implements AutoCloseable {
        private final SSLSocket socket;

        SlotHolder(KubeApiServer server) throws IOException {
            socket = open(server);
            socket.getOutputStream().write(("POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + server.config(APP).getOauthToken() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            try {
                Thread.sleep(300); // let the server take the request into its handler
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed
            }
        }
    }

}

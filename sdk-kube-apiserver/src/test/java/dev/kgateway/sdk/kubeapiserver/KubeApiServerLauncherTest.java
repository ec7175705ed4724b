package dev.kgateway.sdk.kubeapiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@KubeApiServerTest(dedicated = true)
class KubeApiServerLauncherTest {

    KubeApiServer server;

    private KubernetesClient client(String user) {
        return new KubernetesClientBuilder().withConfig(server.config(user)).build();
    }

    @Test
    void theAdminIsAllowedEverythingAndTheServerReportsItsRelease() {
        try (KubernetesClient admin = client(KubeApiServer.ADMIN)) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("admin-ns").endMetadata().build()).create();
            assertThat(admin.namespaces().withName("admin-ns").get()).isNotNull();
            assertThat(admin.getKubernetesVersion().getGitVersion()).isEqualTo("v1.37.2");
        }
    }

    @Test
    void theRestrictedUserIsRefusedByRbacWith403() {
        try (KubernetesClient restricted = client(KubeApiServer.RESTRICTED)) {
            assertThatThrownBy(() -> restricted.namespaces().list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).contains("User \"restricted\" cannot list resource \"namespaces\"");
                    });
        }
    }

    @Test
    void anUnknownUserNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> server.config("nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[admin, restricted]");
    }

    @Test
    void aRestartedServerKeepsWhatEtcdStored() {
        try (KubernetesClient admin = client(KubeApiServer.ADMIN)) {
            ConfigMap stored = admin.configMaps().inNamespace("default").resource(
                    new ConfigMapBuilder().withNewMetadata().withName("kept").endMetadata().addToData("a", "1").build()).create();
            server.restart();
            ConfigMap read = admin.configMaps().inNamespace("default").withName("kept").get();
            assertThat(read.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsUntilStartedAgain() {
        try (KubernetesClient admin = new KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(server.config()).withRequestRetryBackoffLimit(0).build()).build()) {
            server.stopApiServer(Duration.ofSeconds(5));
            assertThatThrownBy(() -> admin.namespaces().withName("default").get()).isInstanceOf(KubernetesClientException.class);
            server.startApiServer();
            assertThat(admin.namespaces().withName("default").get()).isNotNull();
        }
    }

    @Test
    void compactionMovesEtcdsHistoryToItsCurrentRevision() {
        try (KubernetesClient admin = client(KubeApiServer.ADMIN)) {
            ConfigMap written = admin.configMaps().inNamespace("default").resource(
                    new ConfigMapBuilder().withNewMetadata().withName("compacted").endMetadata().build()).create();
            long compactedTo = server.compactEtcd();
            assertThat(compactedTo).isGreaterThanOrEqualTo(Long.parseLong(written.getMetadata().getResourceVersion()));
            assertThat(server.etcdRevision()).isGreaterThanOrEqualTo(compactedTo);
        }
    }

    @Test
    void aLostAnswerComesAfterTheServerHandledTheRequest() {
        try (LostAnswerProxy proxy = new LostAnswerProxy(server);
             KubernetesClient viaProxy = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                     proxy.config(KubeApiServer.ADMIN)).withRequestRetryBackoffLimit(0).build()).build();
             KubernetesClient admin = client(KubeApiServer.ADMIN)) {
            assertThat(viaProxy.namespaces().withName("default").get()).isNotNull();
            proxy.loseAnswerTo("POST", "/configmaps");
            assertThatThrownBy(() -> viaProxy.configMaps().inNamespace("default").resource(
                    new ConfigMapBuilder().withNewMetadata().withName("landed").endMetadata().build()).create())
                    .isInstanceOf(KubernetesClientException.class);
            assertThat(proxy.lostAnswers()).isEqualTo(1);
            assertThat(admin.configMaps().inNamespace("default").withName("landed").get()).isNotNull();
            assertThat(viaProxy.configMaps().inNamespace("default").withName("landed").get()).isNotNull();
        }
    }
}

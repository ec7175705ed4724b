package dev.kgateway.sdk.client.kubeapiserver;

import static dev.kgateway.sdk.client.kubeapiserver.RealCluster.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** What kube-apiserver refuses, and how the client words it: RBAC, terminating and missing namespaces. */
@KubeApiServerTest
class RefusalsOnKubeApiServerTest extends RealClusterTest {


    @Test
    void aUserWithoutRolesIsToldWhichRbacRuleIsMissing() {
        try (KgatewayClient restricted = KgatewayClient.builder().config(server.config(KubeApiServer.RESTRICTED))
                .retryPolicy(RealCluster.QUICK).build()) {
            assertThatThrownBy(() -> restricted.backends().inNamespace(backends.namespace()).create(web("web")))
                    .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("grant verb 'create' on resource 'backends.gateway.kgateway.dev'")
                                .contains(backends.namespace());
                    });
            assertThatThrownBy(() -> restricted.backends().inNamespace(backends.namespace()).get("web"))
                    .isInstanceOfSatisfying(KgatewayAuthorizationException.class,
                            e -> assertThat(e.getMessage()).contains("grant verb 'get'"));
        }
    }

    @Test
    void aCreateInATerminatingNamespaceSaysTheNamespaceIsBeingDeleted() {
        backends.create(web("keeps-it-terminating"));
        try (KubernetesClient fabric8 = RealCluster.fabric8(server)) {
            fabric8.namespaces().withName(backends.namespace()).delete();   // no namespace controller: it stays Terminating
        }
        assertThatThrownBy(() -> backends.create(web("web")))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("namespace '" + backends.namespace() + "' is being deleted");
                });
    }

    @Test
    void aCreateInAMissingNamespaceSaysSo() {
        NamespacedBackendClient nowhere = kgw.backends().inNamespace("no-such-namespace");
        assertThatThrownBy(() -> nowhere.create(web("web")))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("namespace 'no-such-namespace' does not exist");
                });
    }

    @Test
    void aNameKubeApiServerRefusesIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> backends.create(web("Web_1"))).isInstanceOfSatisfying(dev.kgateway.sdk.model.InvalidBackendException.class,
                e -> assertThat(e.getViolations()).extracting(v -> v.path()).containsExactly("metadata.name"));
    }
}

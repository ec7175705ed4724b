package dev.kgateway.sdk.client.kubeapiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.client.BackendRejectedException;
import dev.kgateway.sdk.client.FieldValidation;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.KgatewayClientListener;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.validation.KgatewayRelease;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A misspelt member ({@code wieght}) under kgateway v2.4's CRD, which declares every member (the SDK's
 * own CRD keeps unknown ones): refused by default, written without it and warned about under WARN.
 */
@KubeApiServerTest(dedicated = true)
class FieldValidationOnKubeApiServerTest {

    KubeApiServer server;

    static final String MISSPELT = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"web\"},"
            + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":8080,\"wieght\":2}]}}}";

    @BeforeAll
    static void installKgatewaysCrd(KubeApiServer server) {
        try (KubernetesClient admin = RealCluster.fabric8(server)) {
            CustomResourceDefinition crd = admin.getKubernetesSerialization().unmarshal(
                    BackendJson.jsonMapper().writeValueAsString(KgatewayRelease.V2_4.crd()), CustomResourceDefinition.class);
            admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).waitUntilCondition(
                    c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMisspeltMemberIsRefusedByDefaultNamingItsPath() {
        Backend misspelt = BackendJson.fromJson(MISSPELT);
        try (KgatewayClient kgw = RealCluster.client(server.config(), b -> { })) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(RealCluster.namespace(server));
            assertThatThrownBy(() -> backends.create(misspelt)).isInstanceOfSatisfying(BackendRejectedException.class, e -> {
                assertThat(e.getCode()).isEqualTo(400);
                assertThat(e.getViolations()).extracting(v -> v.path()).containsExactly("spec.static.hosts[0].wieght");
            });
            assertThat(backends.get("web")).isEmpty();
        }
    }

    @Test
    void underWarnTheMemberIsDroppedAndTheWarningHeard() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (KgatewayClient kgw = RealCluster.client(server.config(), b -> b.fieldValidation(FieldValidation.WARN)
                .listener(new KgatewayClientListener() {
                    @Override
                    public void onWarning(String warning) {
                        warnings.add(warning);
                    }
                }))) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(RealCluster.namespace(server));
            Backend stored = backends.create(BackendJson.fromJson(MISSPELT));
            assertThat(BackendJson.toJson(stored)).doesNotContain("wieght");
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("unknown field").contains("wieght"));
        }
    }
}

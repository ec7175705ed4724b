package dev.kgateway.sdk.client.kubeapiserver;

import static dev.kgateway.sdk.client.kubeapiserver.RealCluster.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.ManagedFieldsEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field manager kube-apiserver records for each write of a client, and what it means for two applications. */
@KubeApiServerTest
class FieldManagersOnKubeApiServerTest {

    KubeApiServer server;

    private static java.util.List<String> managers(Backend b) {
        return b.getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager).toList();
    }

    @Test
    void everyWriteIsRecordedUnderTheClientsFieldManager() {
        String ns = RealCluster.namespace(server);
        try (KgatewayClient billing = RealCluster.client(server.config(), b -> b.fieldManager("billing-operator"))) {
            NamespacedBackendClient backends = billing.backends().inNamespace(ns);
            assertThat(managers(backends.create(web("web")))).containsExactly("billing-operator");
            assertThat(managers(backends.edit("web", b -> b.editMetadata(m -> m.putLabels("a", "1"))))).containsOnly("billing-operator");
            assertThat(managers(backends.patch("web", "{\"metadata\":{\"labels\":{\"b\":\"2\"}}}"))).containsOnly("billing-operator");
            assertThat(managers(backends.apply(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("c", "3"))))))
                    .contains("billing-operator");
        }
    }

    @Test
    void twoApplicationsApplyingDifferentFieldsKeepEachOthers() {
        String ns = RealCluster.namespace(server);
        try (KgatewayClient billing = RealCluster.client(server.config(), b -> b.fieldManager("billing"));
             KgatewayClient routing = RealCluster.client(server.config(), b -> b.fieldManager("routing"))) {
            billing.backends().inNamespace(ns).apply(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("billing", "on"))));
            routing.backends().inNamespace(ns).apply(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("routing", "on"))));
            billing.backends().inNamespace(ns).apply(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("billing", "on"))));
            assertThat(billing.backends().inNamespace(ns).require("web").getMetadata().getLabels())
                    .containsEntry("billing", "on").containsEntry("routing", "on");
        }
    }
}

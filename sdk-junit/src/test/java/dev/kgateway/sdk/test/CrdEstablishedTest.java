package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.CrdInstallOptions;
import dev.kgateway.sdk.client.KgatewayClient;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored CRD is reported accepted and served, as kube-apiserver's apiextensions controllers report it. */
@KgatewayTest
class CrdEstablishedTest {

    KubernetesClient client;
    KgatewayClient kgw;

    @Test
    void aStoredCrdIsNamesAcceptedAndEstablished() {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName("backends.gateway.kgateway.dev").get();

        Map<String, String> conditions = crd.getStatus().getConditions().stream()
                .collect(Collectors.toMap(CustomResourceDefinitionCondition::getType, CustomResourceDefinitionCondition::getStatus));
        assertThat(conditions).containsEntry("NamesAccepted", "True").containsEntry("Established", "True");
        assertThat(crd.getStatus().getAcceptedNames().getPlural()).isEqualTo("backends");
    }

    @Test
    void installCrdWaitingForEstablishedSucceeds() {
        client.apiextensions().v1().customResourceDefinitions().withName("backends.gateway.kgateway.dev").delete();

        // installCrd throws when the CRD is not Established within the timeout
        boolean installed = kgw.installCrd(CrdInstallOptions.defaults().withEstablishedTimeout(Duration.ofSeconds(10)));

        assertThat(installed).isTrue();
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("backends.gateway.kgateway.dev").get()
                .getStatus().getConditions()).extracting(CustomResourceDefinitionCondition::getType).contains("Established");
    }
}

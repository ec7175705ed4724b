package dev.kgateway.sdk.test;

import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.KgatewayRelease;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static dev.kgateway.sdk.test.Fixtures.generic;
import static dev.kgateway.sdk.test.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On a kgateway v2.4 CRD the server stores what the release validator only reports as UNUSABLE (a
 * static port of 70000: the CRD sets no maximum), and refuses what kube-apiserver refuses in metadata.
 */
@KgatewayTest(release = KgatewayRelease.V2_4)
class UnusableValueAdmissionTest {

    KubernetesClient client;
    @TestNamespace
    String ns;

    private static String web(String name, int port) {
        return "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":" + port + "}]}}}";
    }

    @Test
    void aPortTheCrdLetsInButKgatewayCannotUseIsStoredAsTheServerWould() {
        assertThat(KgatewayRelease.V2_4.validator().validate(tree(client, generic(client, web("far", 70000)))))
                .extracting(Violation::severity).containsExactly(Violation.Severity.UNUSABLE);

        GenericKubernetesResource created = backends(client).inNamespace(ns).resource(generic(client, web("far", 70000))).create();

        assertThat(tree(client, created).at("/spec/static/hosts/0/port").asInt()).isEqualTo(70000);
    }

    @Test
    void aNameThatIsNoDns1123SubdomainIsRefusedWith422() {
        assertThatThrownBy(() -> backends(client).inNamespace(ns).resource(generic(client, web("My_Backend", 80))).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement()
                            .satisfies(c -> assertThat(c.getField()).isEqualTo("metadata.name"));
                });
    }
}

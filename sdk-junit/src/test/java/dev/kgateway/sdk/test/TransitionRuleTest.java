package dev.kgateway.sdk.test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.Test;

import static dev.kgateway.sdk.test.Fixtures.generic;
import static dev.kgateway.sdk.test.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transition rules ({@code oldSelf}) of the installed CRD run on update only:
 * https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#transition-rules.
 * kgateway's Backend CRDs have none, so this uses a test CRD, {@code crds/widgets.yaml}.
 */
@KgatewayTest(crds = "crds/widgets.yaml")
class TransitionRuleTest {

    KubernetesClient client;
    @TestNamespace
    String ns;

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> widgets() {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup("test.kgateway.dev").withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build());
    }

    private GenericKubernetesResource widget(int size) {
        return generic(client, "{\"apiVersion\":\"test.kgateway.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
                + "\"spec\":{\"size\":" + size + "}}");
    }

    @Test
    void aTransitionRuleDoesNotRunOnCreate() {
        GenericKubernetesResource created = widgets().inNamespace(ns).resource(widget(5)).create();

        assertThat(tree(client, created).at("/spec/size").asInt()).isEqualTo(5);
        assertThat(tree(client, created).at("/spec/color").asString()).as("defaulted").isEqualTo("blue");
    }

    @Test
    void anUpdateBreakingATransitionRuleIsA422() {
        widgets().inNamespace(ns).resource(widget(5)).create();

        assertThatThrownBy(() -> widgets().inNamespace(ns).withName("w").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":4}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).isEqualTo("Widget.test.kgateway.dev \"w\" is invalid: "
                            + "spec.size: Invalid value: 4: size may only grow");
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement()
                            .satisfies(c -> assertThat(c.getField()).isEqualTo("spec.size"));
                });
        assertThat(tree(client, widgets().inNamespace(ns).withName("w").get()).at("/spec/size").asInt()).isEqualTo(5);
    }

    @Test
    void anUpdateKeepingATransitionRuleIsStored() {
        widgets().inNamespace(ns).resource(widget(5)).create();

        GenericKubernetesResource grown = widgets().inNamespace(ns).withName("w").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"size\":6}}");

        assertThat(tree(client, grown).at("/spec/size").asInt()).isEqualTo(6);
    }
}

package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lists: paging (https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks)
 * and selectors (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors,
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/).
 */
@KgatewayTest
class ListTest {

    KubernetesClient client;
    KgatewayClient kgw;
    KgatewayTestServer server;
    @TestNamespace
    String ns;
    NamespacedBackendClient backends;

    @BeforeEach
    void fiveBackends() {
        backends = kgw.backends().inNamespace(ns);
        backends.create(Fixtures.labelled(Fixtures.staticBackend("b1"), Map.of("tier", "gold")));
        backends.create(Fixtures.labelled(Fixtures.staticBackend("b2"), Map.of("tier", "silver")));
        backends.create(Fixtures.labelled(Fixtures.staticBackend("b3"), Map.of("tier", "bronze")));
        backends.create(Fixtures.labelled(Fixtures.staticBackend("b4"), Map.of("team", "search")));
        backends.create(Fixtures.staticBackend("b5"));
    }

    private static List<String> names(List<Backend> list) {
        return list.stream().map(b -> b.getMetadata().getName()).toList();
    }

    private List<String> fabric8Names(String labelSelector) {
        return backends(client).inNamespace(ns).list(new ListOptionsBuilder().withLabelSelector(labelSelector).build())
                .getItems().stream().map(r -> r.getMetadata().getName()).toList();
    }

    @Test
    void limitReturnsAPageAndAContinueTokenForTheRest() {
        GenericKubernetesResourceList first = backends(client).inNamespace(ns).list(new ListOptionsBuilder().withLimit(2L).build());

        assertThat(first.getItems()).extracting(r -> r.getMetadata().getName()).containsExactly("b1", "b2");
        assertThat(first.getMetadata().getContinue()).isNotBlank();
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(3L);

        GenericKubernetesResourceList second = backends(client).inNamespace(ns).list(new ListOptionsBuilder().withLimit(2L)
                .withContinue(first.getMetadata().getContinue()).build());
        GenericKubernetesResourceList third = backends(client).inNamespace(ns).list(new ListOptionsBuilder().withLimit(2L)
                .withContinue(second.getMetadata().getContinue()).build());
        assertThat(second.getItems()).extracting(r -> r.getMetadata().getName()).containsExactly("b3", "b4");
        assertThat(third.getItems()).extracting(r -> r.getMetadata().getName()).containsExactly("b5");
        assertThat(third.getMetadata().getContinue()).isNull();
    }

    @Test
    void theSdkJoinsPagesOfItsPageSize() {
        server.clearRequests();

        assertThat(names(backends.list(ListOptions.builder().pageSize(2).build()))).containsExactly("b1", "b2", "b3", "b4", "b5");
        assertThat(server.requests(c -> c.method().equals("GET") && c.path().endsWith("/backends")))
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.queryParameter("limit")).isEqualTo("2"));
    }

    @Test
    void anExpiredContinueTokenIs410() {
        GenericKubernetesResourceList first = backends(client).inNamespace(ns).list(new ListOptionsBuilder().withLimit(2L).build());
        backends.create(Fixtures.staticBackend("b6"));
        server.expireWatchHistory();

        assertThatThrownBy(() -> backends(client).inNamespace(ns).list(new ListOptionsBuilder().withLimit(2L)
                .withContinue(first.getMetadata().getContinue()).build()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(410);
                    assertThat(e.getStatus().getReason()).isEqualTo("Expired");
                });
    }

    @Test
    void inSelectsOnlyObjectsWithOneOfTheValues() {
        assertThat(fabric8Names("tier in (gold,silver)")).containsExactly("b1", "b2");
        assertThat(names(backends.list(ListOptions.builder().labelIn("tier", "gold", "silver").build()))).containsExactly("b1", "b2");
    }

    @Test
    void notinSelectsObjectsWithoutTheLabelOrWithAnotherValue() {
        assertThat(fabric8Names("tier notin (gold,silver)")).containsExactly("b3", "b4", "b5");
        assertThat(names(backends.list(ListOptions.builder().labelNotIn("tier", "gold", "silver").build()))).containsExactly("b3", "b4", "b5");
    }

    @Test
    void existenceAndAbsenceSelectors() {
        assertThat(fabric8Names("!tier")).containsExactly("b4", "b5");
        assertThat(names(backends.list(ListOptions.builder().labelExists("team").build()))).containsExactly("b4");
        assertThat(names(backends.list(ListOptions.builder().labelMissing("tier").labelMissing("team").build()))).containsExactly("b5");
    }

    @Test
    void equalityAndInequalitySelectorsCombine() {
        assertThat(fabric8Names("tier!=gold,tier")).containsExactly("b2", "b3");
    }

    @Test
    void fieldSelectorsOnNameAndNamespace() {
        String other = server.createNamespace();
        kgw.backends().inNamespace(other).create(Fixtures.staticBackend("b1"));

        List<GenericKubernetesResource> byName = backends(client).inAnyNamespace().withField("metadata.name", "b1").list().getItems();
        assertThat(byName).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder(ns, other);
        List<GenericKubernetesResource> byNamespace = backends(client).inAnyNamespace().withField("metadata.namespace", other).list().getItems();
        assertThat(byNamespace).extracting(r -> r.getMetadata().getName()).containsExactly("b1");
    }

    @Test
    void aFieldSelectorOnAnotherFieldIs400() {
        assertThatThrownBy(() -> backends(client).inNamespace(ns).withField("spec.type", "Static").list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getStatus().getMessage()).isEqualTo("field label not supported: spec.type");
                });
    }

    @Test
    void aMalformedLabelSelectorIs400() {
        RawHttp.Answer answer = RawHttp.send(server, "GET", "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns
                + "/backends?labelSelector=tier%20in%20gold", null, null);

        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.json().path("message").asString()).startsWith("unable to parse requirement");
    }
}

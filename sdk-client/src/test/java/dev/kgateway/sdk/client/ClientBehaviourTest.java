package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SDK client's writes and lists on the embedded API server, which behaves like kube-apiserver:
 * what the server ends up storing and answering, not which requests were sent.
 */
class ClientBehaviourTest extends SharedApiServerTest {

    @Override
    String namespacePrefix() {
        return "behaviour";
    }

    private static Backend web(String host) {
        return Backend.builder().metadata(m -> m.name("web"))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(host).port(8080))))
                .build();
    }

    private static Backend labelled(String name, Map<String, String> labels) {
        return Backend.builder().metadata(m -> m.name(name).labels(labels))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.1").port(8080))))
                .build();
    }

    private static List<String> names(List<Backend> list) {
        return list.stream().map(b -> b.getMetadata().getName()).toList();
    }

    private static String host(Backend backend) {
        return backend.getSpec().getStaticBackend().getHosts().get(0).getHost();
    }

    @Test
    void applyCreatesTheBackendOwnedByTheFieldManager() {
        Backend applied = backends.apply(web("10.0.0.1"), ApplyOptions.fieldManager("platform-team"));

        assertThat(applied.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(host(backends.require("web"))).isEqualTo("10.0.0.1");
        assertThat(api.fabric8().genericKubernetesResources("gateway.kgateway.dev/v1alpha1", "Backend")
                .inNamespace(backends.namespace()).withName("web").get().getMetadata().getManagedFields())
                .extracting(f -> f.getManager(), f -> f.getOperation())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("platform-team", "Apply"));
    }

    @Test
    void aSecondManagersApplyOfAnOwnedFieldIsAConflictNamingTheFieldAndTheOwner() {
        backends.apply(web("10.0.0.1"), ApplyOptions.fieldManager("platform-team"));

        assertThatThrownBy(() -> backends.apply(web("10.0.0.2"), ApplyOptions.fieldManager("my-service")))
                .isInstanceOfSatisfying(BackendConflictException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("conflict with \"platform-team\"").contains(".spec.static.hosts");
                });
        assertThat(host(backends.require("web"))).as("a refused apply changes nothing").isEqualTo("10.0.0.1");
    }

    @Test
    void forceTakesOwnershipOfTheConflictingFields() {
        backends.apply(web("10.0.0.1"), ApplyOptions.fieldManager("platform-team"));

        backends.apply(web("10.0.0.2"), ApplyOptions.fieldManager("my-service").withForce(true));

        assertThat(host(backends.require("web"))).isEqualTo("10.0.0.2");
        assertThatThrownBy(() -> backends.apply(web("10.0.0.3"), ApplyOptions.fieldManager("platform-team")))
                .as("the former owner now conflicts").isInstanceOf(BackendConflictException.class);
    }

    @Test
    void applyingTheSameSpecWithOnlyNewLabelsAddsTheLabelsAndKeepsTheSpec() {
        backends.apply(web("10.0.0.1"), ApplyOptions.fieldManager("platform-team"));

        Backend labelled = web("10.0.0.1");
        labelled = labelled.withMetadata(labelled.getMetadata().withLabels(Map.of("tier", "gold")));
        backends.apply(labelled, ApplyOptions.fieldManager("platform-team"));

        Backend stored = backends.require("web");
        assertThat(stored.getMetadata().getLabels()).containsExactly(Map.entry("tier", "gold"));
        assertThat(host(stored)).isEqualTo("10.0.0.1");
    }

    @Test
    void aListWithASmallPageSizeJoinsEveryPageInNameOrder() {
        for (String name : List.of("b5", "b3", "b1", "b4", "b2")) {
            backends.create(labelled(name, Map.of()));
        }
        api.server().clearRequests();

        assertThat(names(backends.list(ListOptions.builder().pageSize(2).build()))).containsExactly("b1", "b2", "b3", "b4", "b5");
        assertThat(api.server().requests(c -> c.method().equals("GET") && c.path().endsWith("/backends"))).as("three pages").hasSize(3);
    }

    @Test
    void aListWhoseContinueTokenExpiresStartsAgainFromTheFirstPage() {
        for (String name : List.of("b1", "b2", "b3", "b4", "b5")) {
            backends.create(labelled(name, Map.of()));
        }
        // the second page is answered 410 Gone once, as kube-apiserver answers a compacted continue token
        // (the fault, because a write from inside the server's dispatcher would block it)
        api.server().faults().failNext(1, 410, call -> call.queryParameter("continue") != null);
        api.server().clearRequests();

        List<Backend> listed = backends.list(ListOptions.builder().pageSize(2).build());

        assertThat(names(listed)).containsExactly("b1", "b2", "b3", "b4", "b5");
        assertThat(api.server().requests(c -> c.method().equals("GET") && c.path().endsWith("/backends")
                && c.queryParameter("continue") == null)).as("two first pages: the list started again").hasSize(2);
    }

    @Test
    void aListWhoseContinueTokensKeepExpiringGivesUpWith410() {
        for (String name : List.of("b1", "b2", "b3")) {
            backends.create(labelled(name, Map.of()));
        }
        api.server().faults().failNext(10, 410, call -> call.queryParameter("continue") != null);
        try {
            assertThatThrownBy(() -> backends.list(ListOptions.builder().pageSize(2).build()))
                    .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(410));
        } finally {
            api.server().faults().clear();
        }
    }

    @Test
    void labelInReturnsExactlyTheBackendsWithOneOfTheValues() {
        backends.create(labelled("gold", Map.of("tier", "gold")));
        backends.create(labelled("silver", Map.of("tier", "silver")));
        backends.create(labelled("bronze", Map.of("tier", "bronze")));
        backends.create(labelled("unlabelled", Map.of()));

        assertThat(names(backends.list(ListOptions.builder().labelIn("tier", "gold", "silver").build())))
                .containsExactly("gold", "silver");
    }

    @Test
    void labelNotInReturnsTheOtherValuesAndTheBackendsWithoutTheLabel() {
        backends.create(labelled("gold", Map.of("tier", "gold")));
        backends.create(labelled("silver", Map.of("tier", "silver")));
        backends.create(labelled("bronze", Map.of("tier", "bronze")));
        backends.create(labelled("unlabelled", Map.of()));

        assertThat(names(backends.list(ListOptions.builder().labelNotIn("tier", "gold", "silver").build())))
                .containsExactly("bronze", "unlabelled");
    }

    @Test
    void aMergePatchWithNullRemovesTheMember() {
        backends.create(labelled("web", Map.of("tier", "gold", "team", "web")));

        Backend patched = backends.patch("web", "{\"metadata\":{\"labels\":{\"tier\":null}}}");

        assertThat(patched.getMetadata().getLabels()).containsExactly(Map.entry("team", "web"));
        assertThat(backends.require("web").getMetadata().getLabels()).containsExactly(Map.entry("team", "web"));
    }

    @Test
    void anUpdateWithoutResourceVersionSucceedsBecauseTheClientReadsIt() {
        backends.create(web("10.0.0.1"));
        api.server().clearRequests();

        Backend updated = backends.update(web("10.0.0.2"));

        assertThat(host(updated)).isEqualTo("10.0.0.2");
        assertThat(host(backends.require("web"))).isEqualTo("10.0.0.2");
        assertThat(api.server().requests(c -> c.method().equals("PUT"))).singleElement()
                .satisfies(put -> assertThat(put.body()).contains("\"resourceVersion\""));
    }

    @Test
    void updateStatusWithAStaleResourceVersionIsAConflict() {
        Backend stale = backends.create(web("10.0.0.1"));
        backends.edit("web", b -> b.editMetadata(m -> m.putLabels("tier", "gold")));   // the resourceVersion moves on

        Backend withStatus = stale.withStatus(dev.kgateway.sdk.model.BackendStatus.builder()
                .addConditions(c -> c.type("Accepted").status(dev.kgateway.sdk.model.ConditionStatus.TRUE)
                        .reason("Accepted").message("ok").lastTransitionTime("2026-01-01T00:00:00Z"))
                .build());

        assertThatThrownBy(() -> backends.updateStatus(withStatus)).isInstanceOf(BackendConflictException.class);
        assertThat(backends.require("web").getStatus()).as("nothing stored").isNull();
    }
}

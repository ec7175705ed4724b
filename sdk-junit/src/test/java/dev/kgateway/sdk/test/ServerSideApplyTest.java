package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static dev.kgateway.sdk.test.Fixtures.genericStatic;
import static dev.kgateway.sdk.test.Fixtures.staticBackend;
import static dev.kgateway.sdk.test.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server-side apply: https://kubernetes.io/docs/reference/using-api/server-side-apply/ */
@KgatewayTest
class ServerSideApplyTest {

    KubernetesClient client;
    KgatewayClient kgw;
    @TestNamespace
    String ns;

    private Backend apply(String manager, Backend backend, boolean force) {
        return kgw.backends().inNamespace(ns).apply(backend, ApplyOptions.fieldManager(manager).withForce(force));
    }

    private GenericKubernetesResource fabric8Apply(String manager, GenericKubernetesResource resource) {
        return backends(client).inNamespace(ns).resource(resource).fieldManager(manager).serverSideApply();
    }

    @Test
    void applyCreatesAMissingObjectAndRecordsItsManager() {
        GenericKubernetesResource created = fabric8Apply("ci", genericStatic(client, "web", "10.0.0.1", 8080));

        List<ManagedFieldsEntry> managed = created.getMetadata().getManagedFields();
        assertThat(managed).hasSize(1);
        assertThat(managed.get(0).getManager()).isEqualTo("ci");
        assertThat(managed.get(0).getOperation()).isEqualTo("Apply");
        assertThat(managed.get(0).getFieldsType()).isEqualTo("FieldsV1");
        JsonNode fields = tree(client, managed.get(0).getFieldsV1());
        assertThat(fields.path("f:spec").has("f:type")).isTrue();
        assertThat(fields.path("f:spec").path("f:static").has("f:hosts")).isTrue();
        assertThat(created.getMetadata().getUid()).isNotBlank();
    }

    @Test
    void applyOfAFieldAnotherManagerOwnsWithAnotherValueIsA409NamingFieldAndManager() {
        fabric8Apply("team-a", genericStatic(client, "web", "10.0.0.1", 8080));

        assertThatThrownBy(() -> fabric8Apply("team-b", genericStatic(client, "web", "10.0.0.2", 8080)))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"team-a\": .spec.static.hosts");
                    StatusCause cause = e.getStatus().getDetails().getCauses().get(0);
                    assertThat(cause.getReason()).isEqualTo("FieldManagerConflict");
                    assertThat(cause.getField()).isEqualTo(".spec.static.hosts");
                    assertThat(cause.getMessage()).isEqualTo("conflict with \"team-a\"");
                });
        assertThat(kgw.backends().inNamespace(ns).require("web").getSpec().getStaticBackend().getHosts().get(0).getHost())
                .as("a refused apply changes nothing").isEqualTo("10.0.0.1");
    }

    @Test
    void theSdkReportsAnApplyConflictAsBackendConflictException() {
        apply("team-a", staticBackend("web", "10.0.0.1", 8080), false);

        assertThatThrownBy(() -> apply("team-b", staticBackend("web", "10.0.0.2", 8080), false))
                .isInstanceOf(BackendConflictException.class)
                .hasMessageContaining("conflict with \"team-a\": .spec.static.hosts");
    }

    @Test
    void applyingTheSameValueSharesOwnershipWithoutConflict() {
        apply("team-a", staticBackend("web"), false);
        Backend shared = apply("team-b", staticBackend("web"), false);

        assertThat(shared.getMetadata().getManagedFields()).extracting(e -> e.getManager()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(shared.getMetadata().getManagedFields()).allSatisfy(e -> assertThat(e.getFieldsV1().asTree().has("f:spec")).isTrue());
    }

    @Test
    void forceTakesOwnershipFromTheOtherManager() {
        apply("team-a", staticBackend("web", "10.0.0.1", 8080), false);
        apply("team-b", staticBackend("web", "10.0.0.2", 8080), true);

        GenericKubernetesResource stored = backends(client).inNamespace(ns).withName("web").get();
        assertThat(tree(client, stored).at("/spec/static/hosts/0/host").asString()).isEqualTo("10.0.0.2");
        Map<String, JsonNode> byManager = new java.util.HashMap<>();
        stored.getMetadata().getManagedFields().forEach(m -> byManager.put(m.getManager(), tree(client, m.getFieldsV1())));
        assertThat(byManager.get("team-b").path("f:spec").path("f:static").has("f:hosts")).isTrue();
        assertThat(byManager.getOrDefault("team-a", tree(client, Map.of())).path("f:spec").path("f:static").has("f:hosts"))
                .as("team-a lost the field").isFalse();
    }

    @Test
    void aFieldTheManagerStopsApplyingIsRemovedWhenNobodyElseOwnsIt() {
        fabric8Apply("ci", Fixtures.generic(client, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"web\",\"labels\":{\"tier\":\"gold\",\"team\":\"search\"}},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"a\",\"port\":80}]}}}"));
        GenericKubernetesResource after = fabric8Apply("ci", Fixtures.generic(client, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\","
                + "\"kind\":\"Backend\",\"metadata\":{\"name\":\"web\",\"labels\":{\"team\":\"search\"}},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"a\",\"port\":80}]}}}"));

        assertThat(after.getMetadata().getLabels()).containsExactly(Map.entry("team", "search"));
    }

    @Test
    void theSdkSeesALabelItStoppedApplyingRemoved() {
        apply("ci", Fixtures.labelled(staticBackend("web"), Map.of("tier", "gold", "team", "search")), false);

        Backend after = apply("ci", Fixtures.labelled(staticBackend("web"), Map.of("team", "search")), false);

        assertThat(after.getMetadata().getLabels()).containsExactly(Map.entry("team", "search"));
    }

    @Test
    void aFieldTheManagerStopsApplyingStaysWhenAnotherManagerOwnsIt() {
        String withTier = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"web\","
                + "\"labels\":{\"tier\":\"gold\"}},\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"a\",\"port\":80}]}}}";
        fabric8Apply("ci", Fixtures.generic(client, withTier));
        fabric8Apply("ops", Fixtures.generic(client, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"web\",\"labels\":{\"tier\":\"gold\"}}}"));
        GenericKubernetesResource after = fabric8Apply("ci", Fixtures.generic(client, withTier.replace("\"labels\":{\"tier\":\"gold\"}", "\"labels\":{}")));

        assertThat(after.getMetadata().getLabels()).containsEntry("tier", "gold");
    }

    @Test
    void anUpdateRecordsAnUpdateManagerAndTakesOwnershipSoTheApplierThenConflicts() {
        apply("ci", staticBackend("web", "10.0.0.1", 8080), false);
        GenericKubernetesResource edited = backends(client).inNamespace(ns).withName("web")
                .edit(r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
                    spec.put("static", Map.of("hosts", List.of(Map.of("host", "10.9.9.9", "port", 8080))));
                    return r;
                });

        assertThat(edited.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("fabric8-kubernetes-client");
            assertThat(m.getOperation()).isEqualTo("Update");
        });
        assertThatThrownBy(() -> apply("ci", staticBackend("web", "10.0.0.1", 8080), false))
                .isInstanceOf(BackendConflictException.class)
                .hasMessageContaining("conflict with \"fabric8-kubernetes-client\" using gateway.kgateway.dev/v1alpha1: .spec.static.hosts");
    }

    @Test
    void applyWithoutFieldManagerIsA422(KgatewayTestServer server) {
        RawHttp.Answer answer = RawHttp.send(server, "PATCH", "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends/web",
                "application/apply-patch+yaml", "apiVersion: gateway.kgateway.dev/v1alpha1\nkind: Backend\nmetadata:\n  name: web\n");

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.json().path("details").path("causes").get(0).path("field").asString()).isEqualTo("fieldManager");
    }

    @Test
    void mapListsMergeByKeyAndKeepTheOtherManagersItems() {
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            installHostsKeyedCrd(server);
            mergesByKey(server.kubernetesClient(), server.createNamespace());
        }
    }

    private static void mergesByKey(KubernetesClient client, String ns2) {
        backends(client).inNamespace(ns2).resource(genericStatic(client, "web", "a", 80)).fieldManager("team-a").serverSideApply();
        GenericKubernetesResource merged = backends(client).inNamespace(ns2).resource(genericStatic(client, "web", "b", 81))
                .fieldManager("team-b").serverSideApply();

        assertThat(tree(client, merged).at("/spec/static/hosts").findValuesAsString("host")).containsExactly("a", "b");
        JsonNode fieldsB = tree(client, merged.getMetadata().getManagedFields().stream()
                .filter(m -> m.getManager().equals("team-b")).findFirst().orElseThrow().getFieldsV1());
        JsonNode item = fieldsB.path("f:spec").path("f:static").path("f:hosts").path("k:{\"host\":\"b\"}");
        assertThat(item.has(".")).isTrue();
        assertThat(item.has("f:port")).isTrue();
    }

    /** The Backend CRD with {@code spec.static.hosts} as {@code x-kubernetes-list-type: map} keyed by {@code host}. */
    static void installHostsKeyedCrd(KgatewayTestServer server) {
        KubernetesClient client = server.kubernetesClient();
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME).get();
        var hosts = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
                .getProperties().get("static").getProperties().get("hosts");
        hosts.setXKubernetesListType("map");
        hosts.setXKubernetesListMapKeys(List.of("host"));
        client.apiextensions().v1().customResourceDefinitions().resource(crd).update();
    }
}

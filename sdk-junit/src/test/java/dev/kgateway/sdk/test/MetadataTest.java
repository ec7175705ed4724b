package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.ConditionStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static dev.kgateway.sdk.test.Fixtures.genericStatic;
import static dev.kgateway.sdk.test.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Object metadata and writes: https://kubernetes.io/docs/reference/using-api/api-concepts/ and
 * https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#metadata
 */
@KgatewayTest
class MetadataTest {

    KubernetesClient client;
    KgatewayClient kgw;
    KgatewayTestServer server;
    @TestNamespace
    String ns;
    NamespacedBackendClient backends;

    @BeforeEach
    void sdk() {
        backends = kgw.backends().inNamespace(ns);
    }

    private static BackendStatus accepted() {
        return BackendStatus.builder().addConditions(c -> c.type("Accepted").status(ConditionStatus.TRUE).reason("Accepted")
                .message("ok").lastTransitionTime("2025-01-01T00:00:00Z").observedGeneration(1L)).build();
    }

    @Test
    void aNewObjectGetsUidCreationTimestampGenerationOneAndAResourceVersion() {
        Backend created = backends.create(Fixtures.staticBackend("web"));

        assertThat(created.getMetadata().getUid()).matches("[0-9a-f-]{36}");
        assertThat(created.getMetadata().getCreationTimestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    }

    @Test
    void generationGrowsOnSpecChangesOnly() {
        backends.create(Fixtures.staticBackend("web"));
        Backend labelled = backends.edit("web", b -> Fixtures.labelled(b, java.util.Map.of("team", "search")));
        Backend respecced = backends.edit("web", b -> b.withSpec(Fixtures.staticBackend("web", "10.0.0.2", 8080).getSpec()));

        assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(respecced.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void theStatusSubresourceChangesOnlyStatusAndTheMainResourceIgnoresStatus() {
        Backend created = backends.create(Fixtures.staticBackend("web"));
        Backend withStatus = backends.updateStatus(created.withStatus(accepted())
                .withSpec(Fixtures.staticBackend("web", "10.9.9.9", 1).getSpec()));

        assertThat(withStatus.getStatus()).isEqualTo(accepted());
        assertThat(withStatus.getSpec()).as("spec sent to /status is ignored").isEqualTo(created.getSpec());
        assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);

        Backend updated = backends.update(withStatus.withStatus(null).withSpec(Fixtures.staticBackend("web", "10.0.0.3", 8080).getSpec()));
        assertThat(updated.getStatus()).as("status sent to the main resource is ignored").isEqualTo(accepted());
    }

    @Test
    void fabric8SeesGenerationStatusAndStaleResourceVersionsTheSameWay() {
        GenericKubernetesResource created = backends(client).inNamespace(ns).resource(genericStatic(client, "web", "10.0.0.1", 8080)).create();
        GenericKubernetesResource withStatus = backends(client).inNamespace(ns).withName("web").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"type\":\"AWS\"},\"status\":{\"conditions\":[]}}");
        assertThat(tree(client, withStatus).at("/spec/type").asString()).as("/status ignores spec").isEqualTo("Static");
        assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);

        GenericKubernetesResource relabelled = backends(client).inNamespace(ns).withName("web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        GenericKubernetesResource moved = backends(client).inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"static\":{\"hosts\":[{\"host\":\"10.0.0.2\",\"port\":8080}]}},\"status\":null}");
        assertThat(relabelled.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(moved.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(tree(client, moved).has("status")).as("the main resource ignores status").isTrue();

        assertThatThrownBy(() -> backends(client).inNamespace(ns).resource(created).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on backends.gateway.kgateway.dev \"web\":"
                            + " the object has been modified; please apply your changes to the latest version and try again");
                });
    }

    @Test
    void resourceVersionsGrowAcrossNamespacesAndKinds() {
        long before = server.currentResourceVersion();
        Backend a = backends.create(Fixtures.staticBackend("a"));
        String other = server.createNamespace();
        Backend b = kgw.backends().inNamespace(other).create(Fixtures.staticBackend("b"));

        assertThat(Long.parseLong(a.getMetadata().getResourceVersion())).isGreaterThan(before);
        assertThat(Long.parseLong(b.getMetadata().getResourceVersion())).isGreaterThan(Long.parseLong(a.getMetadata().getResourceVersion()) + 1);
    }

    @Test
    void anUpdateWithoutResourceVersionIsA422() {
        backends(client).inNamespace(ns).resource(genericStatic(client, "web", "10.0.0.1", 8080)).create();

        RawHttp.Answer answer = RawHttp.send(server, "PUT", "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends/web",
                "application/json", client.getKubernetesSerialization().asJson(genericStatic(client, "web", "10.0.0.2", 8080)));

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.json().path("message").asString()).isEqualTo("Backend.gateway.kgateway.dev \"web\" is invalid: "
                + "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update");
    }

    @Test
    void anUpdateWithAStaleResourceVersionIsA409() {
        Backend created = backends.create(Fixtures.staticBackend("web"));
        backends.update(created.withSpec(Fixtures.staticBackend("web", "10.0.0.2", 8080).getSpec()));

        assertThatThrownBy(() -> backends.update(created.withSpec(Fixtures.staticBackend("web", "10.0.0.3", 8080).getSpec())))
                .isInstanceOf(BackendConflictException.class);
    }

    @Test
    void aStatusUpdateWithAStaleResourceVersionIsA409() {
        Backend created = backends.create(Fixtures.staticBackend("web"));
        backends.update(created.withSpec(Fixtures.staticBackend("web", "10.0.0.2", 8080).getSpec()));

        assertThatThrownBy(() -> backends.updateStatus(created.withStatus(accepted()))).isInstanceOf(BackendConflictException.class);
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheResourceVersion() {
        Backend created = backends.create(Fixtures.staticBackend("web"));

        assertThat(backends.update(created).getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void deletePreconditionsOnUidAndResourceVersionAnswer409() {
        GenericKubernetesResource created = backends(client).inNamespace(ns).resource(genericStatic(client, "web", "10.0.0.1", 8080)).create();
        String path = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends/web";

        RawHttp.Answer wrongUid = RawHttp.send(server, "DELETE", path, "application/json",
                "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}");
        assertThat(wrongUid.code()).isEqualTo(409);
        assertThat(wrongUid.json().path("message").asString()).contains("Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000");

        assertThatThrownBy(() -> backends(client).inNamespace(ns).withName("web").lockResourceVersion("1").delete())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        RawHttp.Answer rightUid = RawHttp.send(server, "DELETE", path, "application/json",
                "{\"preconditions\":{\"uid\":\"" + created.getMetadata().getUid() + "\"}}");
        assertThat(rightUid.code()).isEqualTo(200);
        assertThat(backends(client).inNamespace(ns).withName("web").get()).isNull();
    }

    @Test
    void aDeleteWithFinalizersSetsDeletionTimestampAndTheObjectGoesWhenTheyAreCleared() {
        backends.create(Fixtures.staticBackend("web").withMetadata(Fixtures.staticBackend("web").getMetadata()
                .withFinalizers(List.of("example.com/cleanup"))));

        assertThat(backends.delete("web")).isTrue();
        Backend terminating = backends.require("web");
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();

        backends.edit("web", b -> b.withMetadata(b.getMetadata().withFinalizers(List.of())));
        assertThat(backends.get("web")).isEmpty();
    }

    @Test
    void aMergePatchNullRemovesAMemberAndArraysAreReplaced() {
        backends(client).inNamespace(ns).resource(Fixtures.generic(client, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\","
                + "\"kind\":\"Backend\",\"metadata\":{\"name\":\"web\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}},\"spec\":{\"type\":\"Static\","
                + "\"static\":{\"hosts\":[{\"host\":\"h1\",\"port\":1},{\"host\":\"h2\",\"port\":2},{\"host\":\"h3\",\"port\":3}]}}}")).create();

        Backend patched = backends.patch("web", "{\"metadata\":{\"labels\":{\"a\":null}},\"spec\":{\"static\":{\"hosts\":[{\"host\":\"h9\",\"port\":9}]}}}");

        assertThat(patched.getMetadata().getLabels()).containsOnlyKeys("b");
        assertThat(patched.getSpec().getStaticBackend().getHosts()).hasSize(1);
        assertThat(patched.getSpec().getStaticBackend().getHosts().get(0).getHost()).isEqualTo("h9");
    }

    @Test
    void aJsonPatchAppliesItsOperationsAndAFailedTestChangesNothing() {
        backends(client).inNamespace(ns).resource(genericStatic(client, "web", "h1", 1)).create();

        GenericKubernetesResource patched = backends(client).inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/spec/static/hosts/-\",\"value\":{\"host\":\"h2\",\"port\":2}},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/static/hosts/0/port\",\"value\":10}]");
        assertThat(tree(client, patched).at("/spec/static/hosts").findValuesAsString("host")).containsExactly("h1", "h2");
        assertThat(tree(client, patched).at("/spec/static/hosts/0/port").asInt()).isEqualTo(10);

        assertThatThrownBy(() -> backends(client).inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"test\",\"path\":\"/spec/type\",\"value\":\"AWS\"},{\"op\":\"remove\",\"path\":\"/spec/static\"}]"))
                .isInstanceOf(KubernetesClientException.class);
        assertThat(backends.require("web").getSpec().getStaticBackend().getHosts()).hasSize(2);
    }

    @Test
    void aStrategicMergePatchOfACustomResourceIs415() {
        backends(client).inNamespace(ns).resource(genericStatic(client, "web", "h1", 1)).create();

        assertThatThrownBy(() -> backends(client).inNamespace(ns).withName("web").patch("{\"metadata\":{\"labels\":{\"a\":\"1\"}}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
    }

    @Test
    void writesToAMissingNamespaceAre404() {
        assertThatThrownBy(() -> backends(client).inNamespace("nowhere").resource(genericStatic(client, "web", "h", 1)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
                });
    }
}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.TestBackends.Kind;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.ConditionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.kgateway.sdk.client.TestBackends.label;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every single-Backend operation, for every backend type, against the CRUD mock server. The server
 * is shared by the class (starting one per test is slow, and {@code @EnableKubernetesMockClient}
 * starts one per test even for static fields); each test works in a namespace of its own.
 */
class CrudTest extends SharedApiServerTest {

    @Override
    String namespacePrefix() {
        return "crud";
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void createReturnsTheServerCopyWithResourceVersionUidAndNamespace(Kind kind) {
        Backend sent = kind.backend("created");

        Backend created = backends.create(sent);

        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getNamespace()).isEqualTo(backends.namespace());
        assertThat(created.getMetadata().getName()).isEqualTo("created");
        assertThat(created.getSpec()).isEqualTo(sent.getSpec());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void getReturnsTheStoredBackend(Kind kind) {
        Backend created = backends.create(kind.backend("stored"));

        assertThat(backends.get("stored")).contains(created);
    }

    @Test
    void getReturnsEmptyWhenTheBackendDoesNotExist() {
        assertThat(backends.get("absent")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void requireReturnsTheStoredBackend(Kind kind) {
        Backend created = backends.create(kind.backend("required"));

        assertThat(backends.require("required")).isEqualTo(created);
    }

    @Test
    void requireThrowsBackendNotFoundNamingTheBackendWhenAbsent() {
        assertThatThrownBy(() -> backends.require("absent"))
                .isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getName()).isEqualTo("absent");
                    assertThat(e.getNamespace()).isEqualTo(backends.namespace());
                });
    }

    @Test
    void listReturnsEveryTypeOfBackendInTheNamespaceAndNothingFromOthers() {
        Backend[] created = Arrays.stream(Kind.values())
                .map(kind -> backends.create(kind.backend(kind.name().toLowerCase().replace('_', '-'))))
                .toArray(Backend[]::new);
        kgw.backends().inNamespace("elsewhere").create(TestBackends.staticBackend("other-namespace"));

        assertThat(backends.list()).containsExactlyInAnyOrder(created);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void updateReplacesTheSpecAndReturnsTheNewVersion(Kind kind) {
        Backend created = backends.create(kind.backend("updated"));
        Backend changed = created.withSpec(kind.changedSpec(created.getSpec()));

        Backend updated = backends.update(changed);

        assertThat(updated.getSpec()).isEqualTo(changed.getSpec());
        assertThat(updated.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThat(backends.require("updated")).isEqualTo(updated);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void editAppliesTheChangeToTheCurrentVersion(Kind kind) {
        Backend created = backends.create(kind.backend("edited"));

        Backend edited = backends.edit("edited", b -> withLabel(b.withSpec(kind.changedSpec(b.getSpec())), "tier", "gold"));

        assertThat(label(edited, "tier")).isEqualTo("gold");
        assertThat(edited.getSpec()).isEqualTo(kind.changedSpec(created.getSpec()));
        assertThat(backends.require("edited")).isEqualTo(edited);
    }

    @Test
    void editKeepsMembersTheModelDoesNotKnow() {
        // written by a newer kgateway whose schema has members this SDK does not
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"newer\",\"namespace\":\"" + backends.namespace() + "\"},"
                + "\"spec\":{\"type\":\"Static\",\"loadBalancer\":{\"policy\":\"RingHash\"},"
                + "\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":8080,\"weight\":3}]}}}";
        var generic = api.fabric8().genericKubernetesResources(Backend.API_VERSION, Backend.KIND).inNamespace(backends.namespace());
        generic.resource(api.fabric8().getKubernetesSerialization().unmarshal(json, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class))
                .create();

        backends.edit("newer", b -> withLabel(b, "tier", "gold"));

        var stored = generic.withName("newer").get();
        assertThat(stored.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(api.fabric8().getKubernetesSerialization().asJson(stored.getAdditionalProperties().get("spec")))
                .contains("\"loadBalancer\":{\"policy\":\"RingHash\"}")
                .contains("\"weight\":3");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void patchMergesTheJsonAndKeepsTheRest(Kind kind) {
        Backend created = backends.create(withLabel(kind.backend("patched"), "team", "search"));

        Backend patched = backends.patch("patched", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}");

        assertThat(patched.getMetadata().getLabels()).containsOnly(
                java.util.Map.entry("team", "search"), java.util.Map.entry("tier", "gold"));
        assertThat(patched.getSpec()).isEqualTo(created.getSpec());
        assertThat(backends.require("patched")).isEqualTo(patched);
    }

    @Test
    void patchOfAnAbsentBackendThrowsBackendNotFound() {
        assertThatThrownBy(() -> backends.patch("absent", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}"))
                .isInstanceOf(BackendNotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void updateStatusWritesTheStatusButIgnoresSpecChanges(Kind kind) {
        Backend created = backends.create(kind.backend("reported"));
        BackendStatus status = TestBackends.acceptedStatus(ConditionStatus.TRUE);

        Backend reported = backends.updateStatus(created.withStatus(status).withSpec(kind.changedSpec(created.getSpec())));

        assertThat(reported.getStatus()).isEqualTo(status);
        assertThat(reported.getSpec()).isEqualTo(created.getSpec());
        Backend stored = backends.require("reported");
        assertThat(stored.getStatus()).isEqualTo(status);
        assertThat(stored.getSpec()).isEqualTo(created.getSpec());
    }

    @Test
    void updateDoesNotChangeTheStatus() {
        Backend created = backends.create(TestBackends.staticBackend("reported"));
        BackendStatus status = TestBackends.acceptedStatus(ConditionStatus.TRUE);
        Backend reported = backends.updateStatus(created.withStatus(status));

        Backend updated = backends.update(withLabel(reported, "tier", "gold").withStatus(TestBackends.acceptedStatus(ConditionStatus.FALSE)));

        assertThat(label(updated, "tier")).isEqualTo("gold");
        assertThat(backends.require("reported").getStatus()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void deleteReturnsTrueWhenTheBackendExistedAndFalseAfterwards(Kind kind) {
        backends.create(kind.backend("deleted"));

        assertThat(backends.delete("deleted")).isTrue();
        assertThat(backends.get("deleted")).isEmpty();
        assertThat(backends.delete("deleted")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void waitUntilReturnsTheFirstVersionThatSatisfiesTheCondition(Kind kind) throws Exception {
        backends.create(kind.backend("awaited"));
        CompletableFuture<Backend> awaited = CompletableFuture.supplyAsync(
                () -> backends.waitUntil("awaited", b -> "gold".equals(label(b, "tier")), Duration.ofSeconds(20)));

        Backend patched = backends.patch("awaited", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}");

        assertThat(awaited.get(20, TimeUnit.SECONDS)).isEqualTo(patched);
    }

    @Test
    void waitUntilWaitsForABackendThatDoesNotExistYet() throws Exception {
        CompletableFuture<Backend> awaited = CompletableFuture.supplyAsync(
                () -> backends.waitUntil("later", b -> true, Duration.ofSeconds(20)));

        Backend created = backends.create(TestBackends.awsBackend("later"));

        assertThat(awaited.get(20, TimeUnit.SECONDS)).isEqualTo(created);
    }

    @Test
    void waitUntilThrowsATimeoutWhenTheConditionNeverHolds() {
        Backend stored = backends.create(TestBackends.staticBackend("never"));

        assertThatThrownBy(() -> backends.waitUntil("never", b -> false, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(BackendWaitTimeoutException.class, e -> {
                    assertThat(e.getTimeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(e.getName()).isEqualTo("never");
                    assertThat(e.getNamespace()).isEqualTo(backends.namespace());
                    assertThat(e.getLastSeen()).contains(stored);
                });
    }
}

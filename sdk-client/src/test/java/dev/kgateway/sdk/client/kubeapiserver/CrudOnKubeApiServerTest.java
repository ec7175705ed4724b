package dev.kgateway.sdk.client.kubeapiserver;

import dev.kgateway.sdk.client.BackendSelector;
import static dev.kgateway.sdk.client.kubeapiserver.RealCluster.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendAlreadyExistsException;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.BackendRejectedException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.BackendType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every verb of NamespacedBackendClient, on kube-apiserver v1.37.2 with the SDK's Backend CRD. */
@KubeApiServerTest
class CrudOnKubeApiServerTest extends RealClusterTest {


    @Test
    void aCreatedBackendIsReadBackWithTheServersBookkeeping() {
        Backend created = backends.create(web("web"));
        Backend read = backends.require("web");
        assertThat(read.getSpec()).isEqualTo(web("web").getSpec());
        assertThat(read.getMetadata().getUid()).isNotBlank().isEqualTo(created.getMetadata().getUid());
        assertThat(read.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(read.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(read.getMetadata().getManagedFields()).isNotEmpty();
    }

    @Test
    void aSecondCreateOfTheSameNameIsAlreadyExists() {
        backends.create(web("web"));
        assertThatThrownBy(() -> backends.create(web("web"))).isInstanceOf(BackendAlreadyExistsException.class);
    }

    @Test
    void generateNameGivesTheServersName() {
        Backend created = backends.create(web("ignored").withMetadata(web("x").getMetadata().withName(null).withGenerateName("web-")));
        assertThat(created.getMetadata().getName()).startsWith("web-").hasSize("web-".length() + 5);
        assertThat(backends.get(created.getMetadata().getName())).isPresent();
    }

    @Test
    void getOfAMissingBackendIsEmptyAndRequireThrows() {
        assertThat(backends.get("missing")).isEmpty();
        assertThatThrownBy(() -> backends.require("missing")).isInstanceOf(BackendNotFoundException.class);
    }

    @Test
    void anUpdateWithAStaleResourceVersionIsAConflict() {
        Backend first = backends.create(web("web"));
        backends.update(first.withMetadata(first.getMetadata().withLabels(Map.of("v", "2"))));
        assertThatThrownBy(() -> backends.update(first.withMetadata(first.getMetadata().withLabels(Map.of("v", "3")))))
                .isInstanceOf(BackendConflictException.class);
        assertThat(backends.require("web").getMetadata().getLabels()).containsEntry("v", "2");
    }

    @Test
    void anUpdateWithoutResourceVersionIsSentWithTheStoredOne() {
        backends.create(web("web"));
        Backend updated = backends.update(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("tier", "gold"))));
        assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "gold");
    }

    @Test
    void anUpdateWithoutResourceVersionKeepsWhatOtherWritersAdded() {
        backends.create(web("web"));
        backends.edit("web", b -> b.editMetadata(m -> m.addFinalizers("example.com/cleanup").putAnnotations("owner", "platform")));
        Backend updated = backends.update(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("tier", "gold"))));
        assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(updated.getMetadata().getFinalizers()).containsExactly("example.com/cleanup");
        assertThat(updated.getMetadata().getAnnotations()).containsEntry("owner", "platform");
        backends.edit("web", b -> b.withMetadata(b.getMetadata().withFinalizers(List.of())));
    }

    @Test
    void aMergePatchChangesOneLabel() {
        backends.create(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("a", "1", "b", "2"))));
        Backend patched = backends.patch("web", "{\"metadata\":{\"labels\":{\"a\":null,\"c\":\"3\"}}}");
        assertThat(patched.getMetadata().getLabels()).isEqualTo(Map.of("b", "2", "c", "3"));
    }

    @Test
    void anEditWritesTheChangeAndReturnsTheStoredBackend() {
        backends.create(web("web"));
        Backend edited = backends.edit("web", b -> b.editMetadata(m -> m.putLabels("tier", "gold")));
        assertThat(edited.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(backends.require("web")).isEqualTo(edited);
    }

    @Test
    void anEditThatChangesNothingWritesNothing() {
        Backend created = backends.create(web("web"));
        Backend same = backends.edit("web", b -> b);
        assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(backends.require("web").getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void anEditSettingAValueItAlreadyHasWritesNothing() {
        Backend created = backends.create(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("tier", "gold"))));
        backends.edit("web", b -> b.editMetadata(m -> m.putLabels("tier", "gold")));
        assertThat(backends.require("web").getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void applyByTwoManagersConflictsUntilForced() {
        backends.apply(web("web"), ApplyOptions.fieldManager("platform-team"));
        Backend other = web("web").withSpec(web("web").getSpec().withStaticBackend(
                web("web").getSpec().getStaticBackend().withHosts(List.of(web("web").getSpec().getStaticBackend().getHosts().get(0).withPort(9090)))));
        assertThatThrownBy(() -> backends.apply(other, ApplyOptions.fieldManager("my-service")))
                .isInstanceOf(BackendConflictException.class).hasMessageContaining("platform-team");
        Backend forced = backends.apply(other, ApplyOptions.fieldManager("my-service").withForce(true));
        assertThat(forced.getSpec().getStaticBackend().getHosts().get(0).getPort()).isEqualTo(9090);
        assertThat(forced.getMetadata().getManagedFields()).extracting(f -> f.getManager()).contains("my-service");
    }

    @Test
    void anApplyOfTheSameConfigurationTwiceWritesOnce() {
        Backend first = backends.apply(web("web"), ApplyOptions.fieldManager("platform-team"));
        Backend second = backends.apply(web("web"), ApplyOptions.fieldManager("platform-team"));
        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void theStatusIsWrittenThroughItsSubresourceOnly() {
        backends.create(web("web"));
        BackendStatus status = BackendStatus.builder().addConditions(c -> c.type("Accepted").status(dev.kgateway.sdk.model.ConditionStatus.TRUE)
                .reason("Accepted").message("ok").lastTransitionTime("2026-01-01T00:00:00Z")).build();
        Backend withStatus = backends.updateStatus("web", b -> b.withStatus(status));
        assertThat(withStatus.getStatus().getConditions()).hasSize(1);
        assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);
        Backend specEdit = backends.edit("web", b -> b.withStatus(null).editMetadata(m -> m.putLabels("a", "b")));
        assertThat(specEdit.getStatus().getConditions()).hasSize(1);
    }

    @Test
    void aDryRunCreateIsValidatedAndStoresNothing() {
        Backend answer = backends.dryRun().create(web("web"));
        assertThat(answer.getMetadata().getUid()).isNotBlank();
        assertThat(backends.get("web")).isEmpty();
    }

    @Test
    void theServerRefusesAnInvalidBackendWith422NamingTheField() {
        try (KgatewayClient unchecked = RealCluster.client(server.config(), b -> b.validateBeforeWrite(false))) {
            Backend badPort = web("web").withSpec(web("web").getSpec().withStaticBackend(web("web").getSpec().getStaticBackend().withHosts(
                    List.of(web("web").getSpec().getStaticBackend().getHosts().get(0).withPort(70000)))));
            assertThatThrownBy(() -> unchecked.backends().inNamespace(backends.namespace()).create(badPort))
                    .isInstanceOfSatisfying(BackendRejectedException.class,
                            e -> assertThat(e.getViolations()).extracting(v -> v.path()).contains("spec.static.hosts[0].port"));
        }
        assertThat(backends.get("web")).isEmpty();
    }

    @Test
    void deleteAllDeletesWhatTheSelectorSelects() {
        backends.create(web("a").withMetadata(web("a").getMetadata().withLabels(Map.of("team", "x"))));
        backends.create(web("b").withMetadata(web("b").getMetadata().withLabels(Map.of("team", "x"))));
        backends.create(web("c").withMetadata(web("c").getMetadata().withLabels(Map.of("team", "y"))));
        assertThat(backends.deleteAll(BackendSelector.withLabel("team", "x"))).isEqualTo(2);
        assertThat(backends.list()).extracting(b -> b.getMetadata().getName()).containsExactly("c");
    }

    @Test
    void deleteSaysWhetherThereWasABackend() {
        backends.create(web("web"));
        assertThat(backends.delete("web")).isTrue();
        assertThat(backends.delete("web")).isFalse();
    }

    @Test
    void aListInPagesReturnsEveryBackend() {
        for (int i = 0; i < 7; i++) {
            backends.create(web("web-" + i));
        }
        List<Backend> all = backends.list(ListOptions.builder().pageSize(2).build());
        assertThat(all).hasSize(7);
    }

    @Test
    void aListAcrossNamespacesSeesThisNamespacesBackends() {
        backends.create(web("web"));
        assertThat(kgw.backends().inAnyNamespace().list()).extracting(b -> b.getMetadata().getNamespace()).contains(backends.namespace());
    }

    @Test
    void theServerTypeOfAStaticBackendIsKept() {
        assertThat(backends.create(web("web")).getSpec().getType()).isEqualTo(BackendType.STATIC);
    }
}

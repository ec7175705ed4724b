package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What writes check before anything is sent (validation, namespace), what the server refuses
 * (duplicates), and that the caller's Backend is never changed. The CRUD mock's request log shows
 * what reached the server.
 */
class WriteGuardsTest extends SharedApiServerTest {

    private String path;

    @Override
    String namespacePrefix() {
        return "guards";
    }

    @BeforeEach
    void rememberPath() {
        path = backendsPath();
    }

    private List<Req> writesToThisNamespace() {
        return api.requests(r -> r.path().startsWith(path) && !r.method().equals("GET"));
    }

    @Test
    void createRejectsAnInvalidBackendWithEveryViolationBeforeSendingIt() {
        Backend invalid = TestBackends.invalidStaticBackend("broken");

        assertThatThrownBy(() -> backends.create(invalid))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                        .extracting(Violation::path)
                        .containsExactlyInAnyOrder("spec.static.hosts[0].host", "spec.static.hosts[0].port"));

        assertThat(writesToThisNamespace()).isEmpty();
        assertThat(backends.list()).isEmpty();
    }

    @Test
    void createWithValidationTurnedOffLeavesTheRefusalToTheServer() {
        try (KgatewayClient unchecked = KgatewayClient.builder().kubernetesClient(api.fabric8()).validateBeforeWrite(false).build()) {
            NamespacedBackendClient uncheckedBackends = unchecked.backends().inNamespace(backends.namespace());

            assertThatThrownBy(() -> uncheckedBackends.create(TestBackends.invalidStaticBackend("broken")))
                    .isInstanceOfSatisfying(BackendRejectedException.class, e -> assertThat(e.getCode()).isEqualTo(422));
            assertThat(writesToThisNamespace()).extracting(Req::method).containsExactly("POST");
        }
    }

    @Test
    void updateRejectsAnInvalidBackendBeforeSendingIt() {
        Backend created = backends.create(TestBackends.staticBackend("valid"));
        Backend invalid = created.withSpec(TestBackends.invalidStaticBackend("valid").getSpec());

        assertThatThrownBy(() -> backends.update(invalid)).isInstanceOf(InvalidBackendException.class);

        assertThat(writesToThisNamespace()).extracting(Req::method).containsExactly("POST");
        assertThat(backends.require("valid")).isEqualTo(created);
    }

    @Test
    void editRejectsAnInvalidResultBeforeSendingIt() {
        Backend created = backends.create(TestBackends.staticBackend("valid"));

        assertThatThrownBy(() -> backends.edit("valid", b -> b.withSpec(TestBackends.invalidStaticBackend("valid").getSpec())))
                .isInstanceOf(InvalidBackendException.class);

        assertThat(writesToThisNamespace()).extracting(Req::method).containsExactly("POST");
        assertThat(backends.require("valid")).isEqualTo(created);
    }

    @Test
    void creatingTheSameNameTwiceThrowsBackendAlreadyExists() {
        backends.create(TestBackends.staticBackend("twice"));

        assertThatThrownBy(() -> backends.create(TestBackends.awsBackend("twice")))
                .isInstanceOfSatisfying(BackendAlreadyExistsException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getName()).isEqualTo("twice");
                    assertThat(e.getNamespace()).isEqualTo(backends.namespace());
                });
        assertThat(backends.require("twice").getSpec()).isEqualTo(TestBackends.staticBackend("twice").getSpec());
    }

    @Test
    void createRefusesABackendOfAnotherNamespaceWithoutSendingIt() {
        Backend elsewhere = TestBackends.inNamespace(TestBackends.staticBackend("elsewhere"), "other");

        assertThatThrownBy(() -> backends.create(elsewhere))
                .isInstanceOf(KgatewayException.class)
                .hasMessageContaining("'other'")
                .hasMessageContaining("'" + backends.namespace() + "'");

        assertThat(writesToThisNamespace()).isEmpty();
        assertThat(api.requests(r -> r.path().contains("/namespaces/other/"))).isEmpty();
    }

    @Test
    void createAcceptsABackendThatNamesTheClientsNamespace() {
        Backend same = TestBackends.inNamespace(TestBackends.staticBackend("same"), backends.namespace());

        assertThat(backends.create(same).getMetadata().getNamespace()).isEqualTo(backends.namespace());
    }

    @Test
    void createLeavesTheCallersBackendUnchanged() {
        Backend mine = withLabel(TestBackends.azureBackend("mine"), "team", "search");
        String before = BackendJson.toJson(mine);
        Backend copy = BackendJson.fromJson(before);

        Backend created = backends.create(mine);

        assertThat(BackendJson.toJson(mine)).isEqualTo(before);
        assertThat(mine).isEqualTo(copy);
        assertThat(mine.getMetadata().getNamespace()).isNull();
        assertThat(mine.getMetadata().getResourceVersion()).isNull();
        assertThat(created).isNotEqualTo(mine);
    }

    @Test
    void updateLeavesTheCallersBackendUnchanged() {
        Backend created = backends.create(TestBackends.geminiBackend("mine"));
        Backend mine = withLabel(created, "tier", "gold");
        String before = BackendJson.toJson(mine);

        Backend updated = backends.update(mine);

        assertThat(BackendJson.toJson(mine)).isEqualTo(before);
        assertThat(updated.getMetadata().getResourceVersion()).isNotEqualTo(mine.getMetadata().getResourceVersion());
    }

    @Test
    void createDropsAResourceVersionCopiedFromAnotherObject() {
        Backend copied = TestBackends.stored(TestBackends.staticBackend("copied"), backends.namespace(), "999");

        Backend created = backends.create(copied);

        assertThat(created.getMetadata().getResourceVersion()).isNotEqualTo("999");
        Req post = writesToThisNamespace().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(BackendJson.fromJson(post.body()).getMetadata().getResourceVersion()).isNull();
    }
}

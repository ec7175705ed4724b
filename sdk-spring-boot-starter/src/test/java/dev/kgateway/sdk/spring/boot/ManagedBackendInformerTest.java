package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A managed informer before its start and after its stop, and the definitions it is built from; no cluster is contacted. */
class ManagedBackendInformerTest {

    /** A client for a port nothing listens on: nothing here may send a request. */
    private final KubernetesClient fabric8 = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build()).build();
    private final KgatewayClient client = KgatewayClient.from(fabric8);

    @AfterEach
    void close() {
        client.close();
        fabric8.close();
    }

    @Test
    void anInformerThatIsNotRunningIsEmptyAndNotSynced() {
        ManagedBackendInformer informer = new ManagedBackendInformer("web", client, BackendInformerDefinition.allNamespaces());

        assertThat(informer.isRunning()).isFalse();
        assertThat(informer.list()).isEmpty();
        assertThat(informer.list("shop")).isEmpty();
        assertThat(informer.get("shop", "web")).isEmpty();
        assertThat(informer.hasSynced()).isFalse();
        assertThat(informer.waitUntilSynced(Duration.ofMillis(1))).isFalse();
        assertThat(informer.lastError()).isEmpty();
        assertThat(informer.lastSyncResourceVersion()).isNull();
        assertThat(informer.lastChange()).isEmpty();
        assertThat(informer.addedCount() + informer.updatedCount() + informer.deletedCount()).isZero();
    }

    @Test
    void stoppingAnInformerThatNeverStartedDoesNothing() {
        ManagedBackendInformer informer = new ManagedBackendInformer("web", client, BackendInformerDefinition.allNamespaces());

        informer.stop();
        informer.close();

        assertThat(informer.isRunning()).isFalse();
    }

    @Test
    void anInformerNeedsAName() {
        assertThatThrownBy(() -> new ManagedBackendInformer(" ", client, BackendInformerDefinition.allNamespaces()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("informer name must not be empty");
        assertThatThrownBy(() -> new ManagedBackendInformer(null, client, BackendInformerDefinition.allNamespaces()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInformerPrintsItsNameDefinitionAndState() {
        ManagedBackendInformer informer = new ManagedBackendInformer("web", client,
                BackendInformerDefinition.inNamespace("shop").withLabelSelector("team=web").withResync(Duration.ofMinutes(5)));

        assertThat(informer.name()).isEqualTo("web");
        assertThat(informer.definition().namespace()).isEqualTo("shop");
        assertThat(informer).hasToString(
                "ManagedBackendInformer{name=web, BackendInformerDefinition{namespace=shop, selector=team=web, resync=PT5M}, running=false}");
    }

    @Test
    void aDefinitionForEveryNamespacePrintsAStar() {
        assertThat(BackendInformerDefinition.allNamespaces().namespace()).isNull();
        assertThat(BackendInformerDefinition.allNamespaces()).hasToString(
                "BackendInformerDefinition{namespace=*, selector=, resync=PT0S}");
    }

    @Test
    void aBlankLabelSelectorSelectsEverything() {
        assertThat(BackendInformerDefinition.allNamespaces().withLabelSelector(" ").listOptions()).isEqualTo(ListOptions.all());
        assertThat(BackendInformerDefinition.allNamespaces().withLabelSelector(null).listOptions()).isEqualTo(ListOptions.all());
        assertThat(BackendInformerDefinition.allNamespaces().withLabelSelector("a=b").listOptions().labelSelector()).isEqualTo("a=b");
    }

    @Test
    void aDefinitionRefusesANegativeResyncAndAnEmptyNamespace() {
        assertThatThrownBy(() -> BackendInformerDefinition.allNamespaces().withResync(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("resync must not be negative, was PT-1S");
        assertThatThrownBy(() -> BackendInformerDefinition.inNamespace(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace must not be empty; use allNamespaces() for every namespace");
        assertThatThrownBy(() -> BackendInformerDefinition.inNamespace(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

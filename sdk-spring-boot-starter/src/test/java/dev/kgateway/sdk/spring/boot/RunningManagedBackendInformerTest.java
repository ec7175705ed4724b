package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.embeddedapiserver.BackendFixtures;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/** A managed informer while it runs on the embedded API server: its cache, its counters and its stop. */
class RunningManagedBackendInformerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final EmbeddedApiServer server = EmbeddedApiServer.start();
    private final KgatewayClient client = KgatewayClient.builder().config(server.config()).build();
    private boolean closedByTheTest;

    @BeforeEach
    void createNamespace() {
        server.createNamespace("shop");
    }

    @AfterEach
    void close() {
        if (!closedByTheTest) {
            client.close();
            server.close();
        }
    }

    private static Backend backend(String name, String team) {
        return BackendFixtures.staticBackend(name).editMetadata(m -> m.putLabels("team", team));
    }

    @Test
    void aStartedInformerCachesCountsAndHandsEveryChangeToTheApplicationsHandler() {
        client.backends().inNamespace("shop").create(backend("web", "web"));
        List<String> seen = new CopyOnWriteArrayList<>();
        ManagedBackendInformer informer = new ManagedBackendInformer("web", client,
                BackendInformerDefinition.allNamespaces().withHandler(new BackendEventHandler() {
                    @Override
                    public void onAdd(Backend backend) {
                        seen.add("add " + backend.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Backend oldBackend, Backend newBackend) {
                        seen.add("update " + newBackend.getMetadata().getName());
                    }

                    @Override
                    public void onDelete(Backend backend, boolean finalStateUnknown) {
                        seen.add("delete " + backend.getMetadata().getName());
                    }
                }));
        informer.start();
        assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();

        client.backends().inNamespace("shop").create(backend("db", "data"));
        client.backends().inNamespace("shop").edit("web", b -> b.editMetadata(m -> m.putLabels("tier", "front")));
        client.backends().inNamespace("shop").delete("db");

        await().atMost(PATIENCE).until(() -> informer.deletedCount() == 1);
        assertThat(informer.addedCount()).isEqualTo(2);
        assertThat(informer.updatedCount()).isEqualTo(1);
        assertThat(seen).containsExactly("add web", "add db", "update web", "delete db");
        assertThat(informer.list()).extracting(b -> b.getMetadata().getName()).containsExactly("web");
        assertThat(informer.get("shop", "web")).hasValueSatisfying(b -> assertThat(b.getMetadata().getLabels()).containsEntry("tier", "front"));
        assertThat(informer.lastChange()).isPresent();
        assertThat(informer.lastError()).isEmpty();
        assertThat(informer.isRunning()).isTrue();
    }

    @Test
    void closingAStartedInformerStopsItAndEmptiesItsView() {
        client.backends().inNamespace("shop").create(backend("web", "web"));
        ManagedBackendInformer informer = new ManagedBackendInformer("web", client, BackendInformerDefinition.allNamespaces());
        informer.start();
        assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();
        assertThat(informer.list()).hasSize(1);

        informer.close();

        assertThat(informer.isRunning()).isFalse();
        assertThat(informer.list()).isEmpty();
    }

    /**
     * Stopping an informer closes its watch from the client side. The server forgets the watch at once
     * and goes on answering: fabric8's CRUD mock cleaned a closed watch up on its event loop, waiting
     * up to a minute for the watch's sender, which held up every other request and the server's stop.
     */
    @Test
    void aStoppedInformersWatchHoldsUpNeitherOtherRequestsNorTheServersStop() {
        ManagedBackendInformer informer = new ManagedBackendInformer("web", client, BackendInformerDefinition.allNamespaces());
        informer.start();
        assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();
        await().atMost(PATIENCE).until(() -> server.openWatches() == 1);

        informer.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> server.openWatches() == 0);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> client.backends().inNamespace("shop").create(backend("web", "web")));
        closedByTheTest = true;
        client.close();
        assertTimeoutPreemptively(Duration.ofSeconds(5), server::close);
    }
}

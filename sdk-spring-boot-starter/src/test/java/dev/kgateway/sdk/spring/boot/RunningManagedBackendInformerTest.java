package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A managed informer while it runs on fabric8's CRUD mock: its cache, its counters and its stop. */
class RunningManagedBackendInformerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final MockCluster cluster = new MockCluster();
    private final KgatewayClient client = KgatewayClient.from(cluster.direct());

    @AfterEach
    void close() {
        client.close();
        cluster.close();
    }

    @Test
    void aStartedInformerCachesCountsAndHandsEveryChangeToTheApplicationsHandler() {
        client.backends().inNamespace("shop").create(MockCluster.backend("shop", "web", "web"));
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

        client.backends().inNamespace("shop").create(MockCluster.backend("shop", "db", "data"));
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
        client.backends().inNamespace("shop").create(MockCluster.backend("shop", "web", "web"));
        ManagedBackendInformer informer = new ManagedBackendInformer("web", client, BackendInformerDefinition.allNamespaces());
        informer.start();
        assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();
        assertThat(informer.list()).hasSize(1);

        informer.close();

        assertThat(informer.isRunning()).isFalse();
        assertThat(informer.list()).isEmpty();
    }
}

package dev.kgateway.sdk.client.kubeapiserver;

import static dev.kgateway.sdk.client.kubeapiserver.RealCluster.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.KgatewayClientListener;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Watches and informers on kube-apiserver, through its restarts and a compacted history. */
@KubeApiServerTest(dedicated = true)
class WatchOnKubeApiServerTest extends RealClusterTest {


    /** What a watch delivered: type, name and resourceVersion of each event. */
    static final class Recorder implements BackendWatchListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Integer> relists = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(BackendEvent event) {
            events.add(event.type() + " " + event.backend().getMetadata().getName() + "@" + event.backend().getMetadata().getResourceVersion());
        }

        @Override
        public void onRelist(int backendCount) {
            relists.add(backendCount);
        }
    }

    private static String rv(Backend b) {
        return b.getMetadata().getName() + "@" + b.getMetadata().getResourceVersion();
    }

    /**
     * After the restart the watch resumes from its last resourceVersion, or, when kube-apiserver's new
     * watch cache starts later than that (410), re-lists: a re-list delivers the difference, so the
     * states in between may be skipped (as with client-go), but the end state is the server's and no
     * event comes twice.
     */
    @Test
    void aWatchAcrossAKilledApiServerRepeatsNoEventAndEndsInTheServersState() {
        Recorder recorder = new Recorder();
        try (BackendWatch watch = backends.watch(recorder)) {
            Backend a = backends.create(web("a"));
            Backend a2 = backends.edit("a", b -> b.editMetadata(m -> m.putLabels("v", "2")));
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.events.contains("MODIFIED " + rv(a2)));

            server.restart();

            Backend b = backends.create(web("b"));
            Backend a3 = backends.edit("a", x -> x.editMetadata(m -> m.putLabels("v", "3")));
            backends.delete("a");
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.events.stream().anyMatch(e -> e.startsWith("DELETED a@")));

            assertThat(recorder.events).doesNotHaveDuplicates().startsWith("ADDED " + rv(a), "MODIFIED " + rv(a2)).contains("ADDED " + rv(b));
            if (watch.relistCount() == 0) {
                // resumed without a re-list: every change, in order, the deletion last
                assertThat(recorder.events).hasSize(5).startsWith("ADDED " + rv(a), "MODIFIED " + rv(a2), "ADDED " + rv(b), "MODIFIED " + rv(a3));
                assertThat(recorder.events.get(4)).startsWith("DELETED a@");
            }
            assertThat(watch.isOpen()).isTrue();
        }
    }

    @Test
    void aWatchResumingFromACompactedResourceVersionRelistsAndMissesNothing() {
        Recorder recorder = new Recorder();
        try (BackendWatch watch = backends.watch(recorder);
             KubernetesClient admin = RealCluster.fabric8(server)) {
            backends.create(web("a"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.events.isEmpty());
            admin.configMaps().inNamespace(backends.namespace()).resource(
                    new ConfigMapBuilder().withNewMetadata().withName("moves-the-revision").endMetadata().build()).create();
            server.stopApiServer(Duration.ZERO);
            server.compactEtcd();
            server.startApiServer();

            Backend b = backends.create(web("b"));
            await().atMost(Duration.ofSeconds(30)).until(() -> recorder.events.contains("ADDED " + rv(b)));

            assertThat(watch.relistCount()).isGreaterThanOrEqualTo(1);
            assertThat(recorder.relists).isNotEmpty();
            assertThat(recorder.events).doesNotHaveDuplicates();
        }
    }

    @Test
    void anInformerCacheConvergesAcrossAKilledApiServerWithoutRepeatingAnAdd() {
        List<String> adds = new CopyOnWriteArrayList<>();
        backends.create(web("a"));
        try (BackendInformer informer = backends.inform(ListOptions.all(), new BackendEventHandler() {
            @Override
            public void onAdd(Backend backend) {
                adds.add(rv(backend));
            }
        }, Duration.ZERO)) {
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(20))).isTrue();
            server.restart();
            Backend b = backends.create(web("b"));
            backends.delete("a");
            await().atMost(Duration.ofSeconds(30)).until(() -> informer.list().stream().map(WatchOnKubeApiServerTest::rv).toList()
                    .equals(List.of(rv(b))));
            assertThat(adds).doesNotHaveDuplicates().contains(rv(b));
        }
    }

    @Test
    void aPagedListWhoseContinueTokenExpiresStartsOverAndReturnsEveryBackend() {
        for (int i = 0; i < 6; i++) {
            backends.create(web("web-" + i));
        }
        AtomicBoolean compacted = new AtomicBoolean();
        List<String> outcomes = new CopyOnWriteArrayList<>();
        try (KgatewayClient compacting = RealCluster.client(server.config(), b -> b.listener(new KgatewayClientListener() {
            @Override
            public void onRequest(String verb, String outcome, Duration latency) {
                outcomes.add(verb + " " + outcome);
                if (verb.equals("list") && compacted.compareAndSet(false, true)) {
                    // a continue token is served from the watch cache while it can: compact etcd past the
                    // token and restart kube-apiserver, so that the next page must come from etcd
                    backends.edit("web-0", x -> x.editMetadata(m -> m.putLabels("moved", "on")));
                    server.compactEtcd();
                    server.restart();
                }
            }
        }))) {
            List<Backend> all = compacting.backends().inNamespace(backends.namespace()).list(ListOptions.builder().pageSize(2).build());
            assertThat(all).hasSize(6);
            assertThat(outcomes).contains("list 4xx");
        }
    }
}

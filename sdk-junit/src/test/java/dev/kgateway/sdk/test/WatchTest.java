package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static dev.kgateway.sdk.test.Fixtures.genericStatic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Watches: https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes */
@KgatewayTest(bookmarkIntervalMillis = 0)
@SuppressWarnings("try") // watches are opened for their effect on the server
class WatchTest {

    KubernetesClient client;
    KgatewayClient kgw;
    KgatewayTestServer server;
    @TestNamespace
    String ns;

    private String path() {
        return "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends";
    }

    @Test
    void aWatchWithBookmarksAllowedReceivesBookmarksCarryingOnlyAResourceVersion() {
        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true&allowWatchBookmarks=true")) {
            await().until(() -> server.openWatches() > 0);
            server.sendBookmarks();

            await().atMost(Duration.ofSeconds(5)).until(() -> frames.types().contains("BOOKMARK"));
            JsonNode bookmark = frames.received.get(frames.types().indexOf("BOOKMARK")).path("object");
            assertThat(bookmark.path("kind").asString()).isEqualTo("Backend");
            assertThat(bookmark.path("metadata").path("resourceVersion").asString()).isEqualTo(Long.toString(server.currentResourceVersion()));
            assertThat(bookmark.has("spec")).isFalse();
        }
    }

    @Test
    void aWatchWithoutBookmarksGetsNone() {
        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true")) {
            await().until(() -> server.openWatches() > 0);
            server.sendBookmarks();
            backends(client).inNamespace(ns).resource(genericStatic(client, "web", "h", 1)).create();

            await().until(() -> frames.types().contains("ADDED"));
            assertThat(frames.types()).doesNotContain("BOOKMARK");
        }
    }

    @Test
    void theSdkResumesFromTheBookmarksResourceVersionAfterADroppedConnection() {
        List<BackendEvent> events = new CopyOnWriteArrayList<>();
        try (BackendWatch watch = kgw.backends().inNamespace(ns).watch(events::add)) {
            await().until(() -> server.openWatches() > 0);
            String elsewhere = server.createNamespace();
            kgw.backends().inNamespace(elsewhere).create(Fixtures.staticBackend("noise"));
            long bookmarked = server.currentResourceVersion();
            server.sendBookmarks();
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);
            server.clearRequests();
            server.dropWatches();

            await().atMost(Duration.ofSeconds(10)).until(() -> !server.requests(RecordedCall::isWatch).isEmpty());
            assertThat(server.requests(RecordedCall::isWatch).get(0).queryParameter("resourceVersion")).isEqualTo(Long.toString(bookmarked));
            kgw.backends().inNamespace(ns).create(Fixtures.staticBackend("after"));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.backend().getMetadata().getName().equals("after")));
        }
    }

    @Test
    void aWatchFromAResourceVersionReplaysTheChangesAfterItInOrder() {
        NamespacedBackendClient backends = kgw.backends().inNamespace(ns);
        backends.create(Fixtures.staticBackend("old"));
        String from = Long.toString(server.currentResourceVersion());
        backends.create(Fixtures.staticBackend("new"));
        backends.edit("old", b -> Fixtures.labelled(b, java.util.Map.of("x", "y")));
        backends.delete("new");

        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true&resourceVersion=" + from)) {
            await().until(() -> frames.received.size() >= 3);
            assertThat(frames.types()).containsExactly("ADDED", "MODIFIED", "DELETED");
            assertThat(frames.received).extracting(f -> f.path("object").path("metadata").path("name").asString()).containsExactly("new", "old", "new");
            List<Long> versions = frames.received.stream().map(f -> f.path("object").path("metadata").path("resourceVersion").asLong()).toList();
            assertThat(versions).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aWatchWithoutResourceVersionStartsWithTheCurrentObjectsAsAdded() {
        backends(client).inNamespace(ns).resource(genericStatic(client, "a", "h", 1)).create();
        backends(client).inNamespace(ns).resource(genericStatic(client, "b", "h", 1)).create();

        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true")) {
            await().until(() -> frames.received.size() >= 2);
            assertThat(frames.types()).containsExactly("ADDED", "ADDED");
        }
    }

    @Test
    void aResourceVersionOlderThanTheHistoryGetsAnErrorEventWith410() throws Exception {
        backends(client).inNamespace(ns).resource(genericStatic(client, "a", "h", 1)).create();
        String old = Long.toString(server.currentResourceVersion());
        backends(client).inNamespace(ns).resource(genericStatic(client, "b", "h", 1)).create();
        server.expireWatchHistory();

        CompletableFuture<WatcherException> closed = new CompletableFuture<>();
        try (Watch ignored = backends(client).inNamespace(ns).watch(new ListOptionsBuilder().withResourceVersion(old).build(),
                new Watcher<GenericKubernetesResource>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource resource) {
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        closed.complete(cause);
                    }
                })) {
            assertThat(closed.get(10, TimeUnit.SECONDS).isHttpGone()).isTrue();
        }
        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true&resourceVersion=" + old)) {
            await().until(() -> !frames.received.isEmpty());
            assertThat(frames.received.get(0).path("type").asString()).isEqualTo("ERROR");
            assertThat(frames.received.get(0).path("object").path("code").asInt()).isEqualTo(410);
            assertThat(frames.received.get(0).path("object").path("reason").asString()).isEqualTo("Expired");
        }
    }

    @Test
    void theSdkWatchRelistsAfter410AndKeepsDelivering() {
        List<BackendEvent> events = new CopyOnWriteArrayList<>();
        List<Integer> relists = new CopyOnWriteArrayList<>();
        try (BackendWatch watch = kgw.backends().inNamespace(ns).watch(new BackendWatchListener() {
            @Override
            public void onEvent(BackendEvent event) {
                events.add(event);
            }

            @Override
            public void onRelist(int backendCount) {
                relists.add(backendCount);
            }
        })) {
            await().until(() -> server.openWatches() > 0);
            kgw.backends().inNamespace(ns).create(Fixtures.staticBackend("before"));
            await().until(() -> events.size() == 1);
            // changes the watch does not see move the cluster on; then history before them is forgotten
            kgw.backends().inNamespace(server.createNamespace()).create(Fixtures.staticBackend("elsewhere"));
            server.expireWatchHistory();
            server.dropWatches();

            await().atMost(Duration.ofSeconds(10)).until(() -> !relists.isEmpty());
            kgw.backends().inNamespace(ns).create(Fixtures.staticBackend("after"));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.backend().getMetadata().getName().equals("after")));
        }
    }

    @Test
    void aFabric8WatchResumesAfterADroppedConnectionWithoutLosingChanges() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = backends(client).inNamespace(ns).watch(new Watcher<GenericKubernetesResource>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            await().until(() -> server.openWatches() > 0);
            backends(client).inNamespace(ns).resource(genericStatic(client, "a", "h", 1)).create();
            await().until(() -> seen.contains("ADDED a"));
            server.dropWatches();
            backends(client).inNamespace(ns).withName("a").delete();
            backends(client).inNamespace(ns).resource(genericStatic(client, "b", "h", 1)).create();

            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED b"));
            assertThat(seen).containsExactly("ADDED a", "DELETED a", "ADDED b");
        }
    }

    @Test
    void anObjectThatStopsMatchingTheSelectorIsSentAsDeleted() {
        backends(client).inNamespace(ns).resource(Fixtures.generic(client, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":"
                + "\"Backend\",\"metadata\":{\"name\":\"a\",\"labels\":{\"tier\":\"gold\"}},\"spec\":{\"type\":\"Static\",\"static\":"
                + "{\"hosts\":[{\"host\":\"h\",\"port\":1}]}}}")).create();
        String from = Long.toString(server.currentResourceVersion());
        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true&labelSelector=tier%3Dgold&resourceVersion=" + from)) {
            await().until(() -> server.openWatches() > 0);
            kgw.backends().inNamespace(ns).edit("a", b -> Fixtures.labelled(b, java.util.Map.of("tier", "silver")));

            await().until(() -> !frames.received.isEmpty());
            assertThat(frames.types()).containsExactly("DELETED");
        }
    }

    @Test
    void aWatchEndsAfterItsTimeout() {
        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true&timeoutSeconds=1")) {
            await().until(() -> server.openWatches() == 1);

            await().atMost(Duration.ofSeconds(5)).until(() -> server.openWatches() == 0);
        }
    }

    @Test
    void eventsOfConcurrentWritesArriveInResourceVersionOrder() throws Exception {
        try (RawHttp.Frames frames = RawHttp.Frames.open(server, path() + "?watch=true")) {
            await().until(() -> server.openWatches() == 1);
            Thread[] writers = new Thread[2];
            for (int w = 0; w < writers.length; w++) {
                int writer = w;
                writers[w] = new Thread(() -> {
                    for (int i = 0; i < 10; i++) {
                        kgw.backends().inNamespace(ns).create(Fixtures.staticBackend("w" + writer + "-" + i));
                    }
                });
                writers[w].start();
            }
            for (Thread t : writers) {
                t.join();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> frames.received.size() == 20);
            assertThat(frames.received.stream().map(f -> f.path("object").path("metadata").path("resourceVersion").asLong()).toList())
                    .isSorted().doesNotHaveDuplicates();
        }
    }
}

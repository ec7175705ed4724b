package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.client.ScriptedApiServer.ScriptedWatch;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kgateway.sdk.client.ScriptedApiServer.BACKENDS;
import static dev.kgateway.sdk.client.TestBackends.NS;
import static dev.kgateway.sdk.client.TestBackends.stored;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches when the connection misbehaves. The watch connections are scripted (the test sends each
 * event by hand, as a real API server would: only changes after the requested resourceVersion);
 * lists are answered by the CRUD mock. Each test ends with a sentinel event and checks the whole
 * sequence: anything lost is missing, anything repeated would have arrived before the sentinel.
 */
class WatchFaultsTest {

    private ScriptedApiServer api;
    private KgatewayClient kgw;
    private NamespacedBackendClient backends;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer();
        kgw = api.sdk(b -> { });
        kgw.installCrd(false);
        backends = kgw.backends().inNamespace(NS);
    }

    @AfterEach
    void tearDown() {
        kgw.close();
        api.close();
    }

    /** @return the resourceVersion a fresh list of the namespace reports */
    private String currentListVersion() {
        return api.fabric8().genericKubernetesResources(Backend.API_VERSION, Backend.KIND).inNamespace(NS).list()
                .getMetadata().getResourceVersion();
    }

    @Test
    void droppedConnectionIsResumedFromTheLastResourceVersionWithoutLossOrDuplicates() {
        Backend a = backends.create(TestBackends.staticBackend("a"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            first.send("ADDED", stored(TestBackends.awsBackend("b"), NS, "101"))
                    .send("MODIFIED", stored(withLabel(a, "tier", "gold"), NS, "102"));
            listener.awaitEntry("MODIFIED a");
            first.drop();

            assertThat(second.request().query()).containsEntry("resourceVersion", "102");
            second.send("MODIFIED", stored(withLabel(TestBackends.awsBackend("b"), "tier", "gold"), NS, "103"))
                    .send("DELETED", stored(withLabel(a, "tier", "gold"), NS, "104"))
                    .send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "105"));

            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("ADDED b", "MODIFIED a", "MODIFIED b", "DELETED a", "ADDED sentinel");
            assertThat(api.requests(Req.list(BACKENDS))).as("resuming needs no re-list").hasSize(1);
            assertThat(watch.relistCount()).isZero();
            assertThat(watch.isOpen()).isTrue();
        }
    }

    @Test
    void goneOnTheWatchRelistsDeliversTheDifferenceAndWatchesOn() {
        Backend a = backends.create(TestBackends.staticBackend("a"));
        backends.create(TestBackends.awsBackend("b"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            first.request();
            // changes the expired watch never reported
            backends.delete("a");
            Backend b = backends.edit("b", x -> withLabel(x, "tier", "gold"));
            Backend c = backends.create(TestBackends.geminiBackend("c"));
            String versionAfterChanges = currentListVersion();
            first.gone();

            listener.awaitEntry("relisted 2");
            assertThat(listener.timeline()).containsExactlyInAnyOrder(
                    "DELETED a (relist)", "MODIFIED b (relist)", "ADDED c (relist)", "relisted 2");
            assertThat(listener.timeline()).last().isEqualTo("relisted 2");
            assertThat(listener.events()).filteredOn(e -> e.backend().getMetadata().getName().equals("b"))
                    .singleElement().satisfies(e -> assertThat(e.backend()).isEqualTo(b));
            assertThat(listener.events()).filteredOn(e -> e.backend().getMetadata().getName().equals("c"))
                    .singleElement().satisfies(e -> assertThat(e.backend()).isEqualTo(c));
            // of a Backend found deleted, the watch kept only its identity and version
            assertThat(listener.events()).filteredOn(e -> e.backend().getMetadata().getName().equals("a"))
                    .singleElement().satisfies(e -> assertThat(e.backend().getMetadata()).isEqualTo(ObjectMeta.builder()
                            .namespace(NS).name("a").uid(a.getMetadata().getUid()).resourceVersion(a.getMetadata().getResourceVersion())
                            .build()));
            assertThat(watch.relistCount()).isEqualTo(1);

            assertThat(second.request().query()).containsEntry("resourceVersion", versionAfterChanges);
            second.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "900"));
            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).endsWith("relisted 2", "ADDED sentinel");
            assertThat(listener.closes()).isEmpty();
            assertThat(watch.isOpen()).isTrue();
        }
    }

    @Test
    void relistAfterGoneReportsNothingForUnchangedBackends() {
        backends.create(TestBackends.staticBackend("a"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            first.gone();
            second.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "900"));

            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("relisted 1", "ADDED sentinel");
        }
    }

    @Test
    void droppedConnectionWhoseResumeIsGoneRelistsAndRecoversTheMissedChange() {
        backends.create(TestBackends.staticBackend("a"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch resumed = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch afterRelist = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            Backend b = backends.create(TestBackends.awsBackend("b"));
            first.send("ADDED", b);
            listener.awaitEntry("ADDED b");
            backends.create(TestBackends.mistralBackend("c")); // its event is lost with the connection
            first.drop();

            // as a real API server does for an expired resourceVersion: accept the watch, then send ERROR 410
            assertThat(resumed.request().query()).containsEntry("resourceVersion", b.getMetadata().getResourceVersion());
            resumed.gone();

            listener.awaitEntry("relisted 3");
            afterRelist.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "900"));
            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("ADDED b", "ADDED c (relist)", "relisted 3", "ADDED sentinel");
            assertThat(watch.relistCount()).isEqualTo(1);
        }
    }

    @Test
    void relistThatFailsIsRepeatedWithBackoffUntilItSucceedsAndReportsEachFailure() {
        backends.create(TestBackends.staticBackend("a"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch afterRelist = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            first.request();
            // more failures than one list's 4 attempts: the old watch gave up here for good
            api.answer(Req.list(BACKENDS), 8, r -> ScriptedApiServer.status(500, "InternalError", "etcd is down"));
            backends.create(TestBackends.awsBackend("b"));
            first.gone();

            listener.awaitEntry("relisted 2");
            afterRelist.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "900"));
            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("error 500", "error 500", "ADDED b (relist)", "relisted 2", "ADDED sentinel");
            assertThat(api.requests(Req.list(BACKENDS))).as("first list, 2 x 4 failed attempts, the re-list").hasSize(10);
            assertThat(listener.closes()).isEmpty();
            assertThat(watch.isOpen()).isTrue();
            assertThat(watch.relistCount()).isEqualTo(1);
        }
    }

    @Test
    void relistThatTheServerRefusesEndsTheWatchWithOnClose() {
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();
        BackendWatch watch = backends.watch(listener);
        first.request();
        api.answer(Req.list(BACKENDS), Integer.MAX_VALUE, r -> ScriptedApiServer.status(403, "Forbidden", "cannot list"));

        first.gone();

        await().atMost(RecordingListener.PATIENCE).until(() -> !listener.closes().isEmpty());
        assertThat(listener.closes()).singleElement().isInstanceOfSatisfying(KgatewayAuthorizationException.class,
                e -> assertThat(e.getVerb()).isEqualTo("list"));
        assertThat(watch.isOpen()).isFalse();
        assertThat(listener.timeline()).containsExactly("closed");
        assertThat(api.requests(Req.list(BACKENDS))).as("the first list and one refused re-list").hasSize(2);
    }

    @Test
    void anUndecodableEventIsSkippedAndReportedAndTheWatchGoesOnFromItsResourceVersion() {
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();
        AtomicInteger reconnects = new AtomicInteger();
        KgatewayClientListener counting = new KgatewayClientListener() {
            @Override
            public void onWatchReconnect() {
                reconnects.incrementAndGet();
            }
        };

        try (KgatewayClient counted = api.sdk(b -> b.listener(counting));
             BackendWatch watch = counted.backends().inNamespace(NS).watch(listener)) {
            first.send("ADDED", stored(TestBackends.staticBackend("a"), NS, "101"));
            // a port that is no number, holding something secret-looking
            first.socket().send("{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                    + "\"metadata\":{\"name\":\"broken\",\"namespace\":\"" + NS + "\",\"resourceVersion\":\"102\"},"
                    + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"h\",\"port\":\"sk-secret-4711\"}]}}}}");

            assertThat(second.request().query()).containsEntry("resourceVersion", "102");
            second.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "103"));
            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("ADDED a", "undecodable MODIFIED broken 102", "ADDED sentinel");
            assertThat(listener.errors()).singleElement().isInstanceOfSatisfying(UndecodableEventException.class, e -> {
                assertThat(e.getNamespace()).isEqualTo(NS);
                assertThat(e.getReason()).endsWith("at spec.static.hosts[0].port");
                assertThat(e.getMessage()).doesNotContain("sk-secret-4711");
                assertThat(e.getCause()).as("decoder messages quote values").isNull();
            });
            assertThat(listener.closes()).isEmpty();
            assertThat(watch.isOpen()).isTrue();
            assertThat(watch.relistCount()).isZero();
            assertThat(reconnects.get()).as("the client listener hears the watch go on from the event").isEqualTo(1);
        }
    }

    @Test
    void eventsReplayedAfterAReconnectAreNotDeliveredTwice() {
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();
        Backend b101 = stored(TestBackends.staticBackend("b"), NS, "101");
        Backend c102 = stored(TestBackends.awsBackend("c"), NS, "102");

        try (BackendWatch watch = backends.watch(listener)) {
            first.send("ADDED", b101).send("ADDED", c102).send("DELETED", stored(TestBackends.awsBackend("c"), NS, "103"));
            listener.awaitEntry("DELETED c");
            first.drop();

            // a server that resumes sloppily (as fabric8's mock does): the stored objects again as ADDED, a deletion again
            second.request();
            second.send("ADDED", b101).send("DELETED", stored(TestBackends.awsBackend("c"), NS, "103"))
                    .send("MODIFIED", stored(withLabel(TestBackends.staticBackend("b"), "tier", "gold"), NS, "104"))
                    .send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "105"));

            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("ADDED b", "ADDED c", "DELETED c", "MODIFIED b", "ADDED sentinel");
        }
    }

    @Test
    void aSecondRelistDoesNotReportTheDeletionsOfTheFirstAgain() {
        backends.create(TestBackends.staticBackend("a"));
        backends.create(TestBackends.awsBackend("b"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch third = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            first.request();
            backends.delete("a");
            first.gone();
            listener.awaitEntry("relisted 1");
            second.gone();
            await().atMost(RecordingListener.PATIENCE).until(() -> watch.relistCount() == 2);
            third.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "900"));

            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("DELETED a (relist)", "relisted 1", "relisted 1", "ADDED sentinel");
        }
    }

    @Test
    void aBackendDeletedAndCreatedAgainWhileExpiredIsReportedAsDeletedThenAdded() {
        Backend old = backends.create(TestBackends.staticBackend("a"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            first.request();
            backends.delete("a");
            Backend again = backends.create(TestBackends.awsBackend("a"));
            assertThat(again.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());
            first.gone();
            listener.awaitEntry("relisted 1");
            second.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "900"));

            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("DELETED a (relist)", "ADDED a (relist)", "relisted 1", "ADDED sentinel");
            assertThat(listener.events().get(0).backend().getMetadata().getUid()).isEqualTo(old.getMetadata().getUid());
            assertThat(listener.events().get(1).backend()).isEqualTo(again);
        }
    }

    @Test
    void aWatchWhoseStartFailsLeavesNoThreadAndIsNotTracked() {
        java.util.Set<Thread> before = watchThreads();
        api.answer(Req.watch(BACKENDS), 1, r -> ScriptedApiServer.status(403, "Forbidden", "cannot watch"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backends.watch(new RecordingListener()))
                .isInstanceOf(KgatewayAuthorizationException.class);

        // the events thread starts with the watch and ends with it
        await().atMost(RecordingListener.PATIENCE).until(() -> before.containsAll(watchThreads()));
    }

    @Test
    void watchThatTheServerRefusesThrowsAnAuthorizationErrorNamingWatch() {
        api.answer(Req.watch(BACKENDS), 1, r -> ScriptedApiServer.status(403, "Forbidden", "cannot watch"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backends.watch(new RecordingListener()))
                .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                    assertThat(e.getVerb()).isEqualTo("watch");
                    assertThat(e.getResource()).isEqualTo(Backend.CRD_NAME);
                    assertThat(e.getNamespace()).isEqualTo(NS);
                });
        List<Req> watches = api.requests(Req.watch(BACKENDS));
        assertThat(watches).as("a refusal is not retried").hasSize(1);
    }

    @Test
    void bookmarksAdvanceTheResumePointWithoutProducingEvents() {
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        ScriptedWatch second = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            assertThat(first.request().query()).containsEntry("allowWatchBookmarks", "true");
            first.send("ADDED", stored(TestBackends.staticBackend("a"), NS, "101"))
                    .send("BOOKMARK", Backend.builder().metadata(m -> m.resourceVersion("150")).build());
            listener.awaitEntry("ADDED a");
            first.drop();

            assertThat(second.request().query()).containsEntry("resourceVersion", "150");
            second.send("ADDED", stored(TestBackends.staticBackend("sentinel"), NS, "151"));
            listener.awaitEntry("ADDED sentinel");
            assertThat(listener.timeline()).containsExactly("ADDED a", "ADDED sentinel");
        }
    }

    @Test
    void closingTheWatchDuringARelistStopsDeliveryAndLeavesNoConnectionOpen() {
        backends.create(TestBackends.staticBackend("a"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        java.util.Set<Thread> threadsBefore = watchThreads();
        java.util.concurrent.atomic.AtomicReference<BackendWatch> self = new java.util.concurrent.atomic.AtomicReference<>();
        RecordingListener listener = new RecordingListener();
        self.set(backends.watch(new BackendWatchListener() {
            @Override
            public void onEvent(BackendEvent event) {
                listener.onEvent(event);
                self.get().close(); // the first event is enough for this listener
            }

            @Override
            public void onRelist(int backendCount) {
                listener.onRelist(backendCount);
            }
        }));
        first.request();
        backends.create(TestBackends.awsBackend("b"));
        backends.create(TestBackends.geminiBackend("c"));
        backends.create(TestBackends.mistralBackend("d"));

        first.gone();

        await().atMost(RecordingListener.PATIENCE).until(() -> !listener.timeline().isEmpty());
        // the watch's event thread ends once the re-list task is over
        await().atMost(RecordingListener.PATIENCE).until(() -> threadsBefore.containsAll(watchThreads()));
        assertThat(listener.timeline()).hasSize(1).allMatch(e -> e.endsWith("(relist)"));
        assertThat(self.get().isOpen()).isFalse();
        assertThat(api.requests(Req.watch(BACKENDS))).as("no watch after the re-list").hasSize(1);
        await().atMost(RecordingListener.PATIENCE).until(() -> api.openWatches().isEmpty());
    }

    private static java.util.Set<Thread> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("kgateway-watch-") && t.isAlive())
                .collect(java.util.stream.Collectors.toSet());
    }
}

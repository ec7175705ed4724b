package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.client.ScriptedApiServer.ScriptedWatch;
import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.kgateway.sdk.client.ScriptedApiServer.ALL_BACKENDS;
import static dev.kgateway.sdk.client.TestBackends.label;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Informers: a cache that equals the server's state, through changes, expired watches and dropped connections. */
class InformerTest {

    private static final Duration PATIENCE = RecordingListener.PATIENCE;

    private ScriptedApiServer api;
    private KgatewayClient kgw;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer();
        kgw = api.sdk(b -> { });
        kgw.installCrd(false);
    }

    @AfterEach
    void tearDown() {
        kgw.close();
        api.close();
    }

    private NamespacedBackendClient in(String namespace) {
        return kgw.backends().inNamespace(namespace);
    }

    /** Waits until the cache holds exactly what a fresh list of every namespace returns. */
    private void awaitCacheEqualsServer(BackendInformer informer) {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(informer.list()).containsExactlyInAnyOrderElementsOf(kgw.backends().inAnyNamespace().list()));
    }

    /** Mirrors the cache from the handler's callbacks alone. */
    private static final class MirroringHandler implements BackendEventHandler {
        final Map<String, Backend> mirror = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        private static String key(Backend b) {
            return b.getMetadata().getNamespace() + "/" + b.getMetadata().getName();
        }

        @Override
        public void onAdd(Backend backend) {
            mirror.put(key(backend), backend);
            calls.add("add " + key(backend));
        }

        @Override
        public void onUpdate(Backend oldBackend, Backend newBackend) {
            mirror.put(key(newBackend), newBackend);
            calls.add("update " + key(newBackend) + " " + label(oldBackend, "tier") + "->" + label(newBackend, "tier"));
        }

        @Override
        public void onDelete(Backend backend, boolean finalStateUnknown) {
            mirror.remove(key(backend));
            calls.add("delete " + key(backend) + (finalStateUnknown ? " (final state unknown)" : ""));
        }
    }

    @Test
    void firstListFillsTheCacheBeforeItReportsSynced() {
        Backend openai = in("ai").create(TestBackends.openAiBackend("openai"));
        Backend web = in("web").create(TestBackends.staticBackend("frontend"));

        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();

            assertThat(informer.hasSynced()).isTrue();
            assertThat(informer.list()).containsExactlyInAnyOrder(openai, web);
            assertThat(informer.lastSyncResourceVersion()).isNotEmpty();
        }
    }

    @Test
    void firstListIsServedFromTheWatchCacheUnpaged() {
        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();

            assertThat(api.requests(Req.list(ALL_BACKENDS))).first().satisfies(r -> {
                assertThat(r.query()).containsEntry("resourceVersion", "0");
                assertThat(r.query()).doesNotContainKey("limit");
            });
        }
    }

    @Test
    void aPageSizeOtherThanTheDefaultAsksForAPagedFirstList() {
        try (BackendInformer informer = kgw.backends().inAnyNamespace()
                .inform(ListOptions.builder().pageSize(50).build(), new BackendEventHandler() { }, Duration.ZERO)) {
            assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();

            assertThat(api.requests(Req.list(ALL_BACKENDS))).first().satisfies(r -> {
                assertThat(r.query()).containsEntry("limit", "50");
                assertThat(r.query()).doesNotContainKey("resourceVersion");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"429, TooManyRequests", "503, ServiceUnavailable", "500, InternalError"})
    void aFirstListThatFailsIsRetriedAndTheInformerSyncs(int code, String reason) {
        Backend openai = in("ai").create(TestBackends.openAiBackend("openai"));
        api.answer(Req.list(ALL_BACKENDS), 2, r -> ScriptedApiServer.status(code, reason, "try again").setHeader("Retry-After", "1"));

        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();

            assertThat(informer.list()).containsExactly(openai);
            assertThat(api.requests(Req.list(ALL_BACKENDS))).hasSize(3);
            assertThat(informer.isRunning()).isTrue();
            assertThat(informer.lastError()).hasValueSatisfying(e ->
                    assertThat(e).isInstanceOfSatisfying(KgatewayApiException.class, api -> assertThat(api.getCode()).isEqualTo(code)));
        }
    }

    @Test
    void anInformerWhoseListKeepsFailingHasNotSyncedAndSaysWhy() {
        api.answer(Req.list(ALL_BACKENDS), Integer.MAX_VALUE, r -> ScriptedApiServer.status(503, "ServiceUnavailable", "rolling out"));

        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            assertThat(informer.waitUntilSynced(Duration.ofMillis(500))).isFalse();

            assertThat(informer.hasSynced()).isFalse();
            assertThat(informer.list()).isEmpty();
            assertThat(informer.isRunning()).as("still trying").isTrue();
            assertThat(informer.lastError()).hasValueSatisfying(e ->
                    assertThat(e).isInstanceOfSatisfying(KgatewayApiException.class, api -> assertThat(api.getCode()).isEqualTo(503)));
            await().atMost(PATIENCE).until(() -> api.requests(Req.list(ALL_BACKENDS)).size() >= 3);
        }
    }

    @Test
    void aForbiddenFirstListStopsTheInformerAndWaitUntilSyncedThrowsIt() {
        api.answer(Req.list(ALL_BACKENDS), Integer.MAX_VALUE, r -> ScriptedApiServer.status(403, "Forbidden", "cannot list"));

        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            assertThatThrownBy(() -> informer.waitUntilSynced(PATIENCE))
                    .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getVerb()).isEqualTo("list");
                        assertThat(e.getNamespace()).isEmpty();
                    });

            assertThat(informer.hasSynced()).isFalse();
            assertThat(informer.isRunning()).isFalse();
            assertThat(informer.lastError()).containsInstanceOf(KgatewayAuthorizationException.class);
            assertThat(api.requests(Req.list(ALL_BACKENDS))).as("a refusal is not retried").hasSize(1);
        }
    }

    @Test
    void aMissingCrdStopsTheInformerWithA404() {
        api.answer(Req.list(ALL_BACKENDS), Integer.MAX_VALUE, r -> ScriptedApiServer.status(404, "NotFound", "the server could not find the requested resource"));

        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            assertThatThrownBy(() -> informer.waitUntilSynced(PATIENCE))
                    .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
            assertThat(informer.isRunning()).isFalse();
        }
    }

    @Test
    void aClosedInformerIsNotRunningAndDoesNotSync() {
        api.answer(Req.list(ALL_BACKENDS), Integer.MAX_VALUE, r -> ScriptedApiServer.status(503, "ServiceUnavailable", "rolling out"));
        BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { });

        informer.close();

        assertThat(informer.waitUntilSynced(PATIENCE)).isFalse();
        assertThat(informer.isRunning()).isFalse();
        assertThat(informer.hasSynced()).isFalse();
    }

    @Test
    void cacheFollowsCreatesUpdatesAndDeletesAcrossNamespaces() {
        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            informer.waitUntilSynced(PATIENCE);
            int i = 0;
            for (String namespace : List.of("ai", "web", "lambda")) {
                for (TestBackends.Kind kind : TestBackends.Kind.values()) {
                    in(namespace).create(kind.backend("b" + i++));
                }
            }
            in("ai").edit("b0", b -> withLabel(b, "tier", "gold"));
            in("web").patch("b7", "{\"metadata\":{\"labels\":{\"tier\":\"silver\"}}}");
            in("lambda").delete("b12");
            in("ai").delete("b3");

            awaitCacheEqualsServer(informer);
            assertThat(informer.list()).hasSize(16);
            assertThat(informer.get("ai", "b0")).hasValueSatisfying(b -> assertThat(label(b, "tier")).isEqualTo("gold"));
        }
    }

    @Test
    void getAndListByNamespaceReadTheCache() {
        Backend openai = in("ai").create(TestBackends.openAiBackend("openai"));
        Backend azure = in("ai").create(TestBackends.azureBackend("azure"));
        Backend web = in("web").create(TestBackends.staticBackend("frontend"));

        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            informer.waitUntilSynced(PATIENCE);

            assertThat(informer.get("ai", "openai")).contains(openai);
            assertThat(informer.get("web", "frontend")).contains(web);
            assertThat(informer.get("web", "openai")).isEmpty();
            assertThat(informer.get("ai", "absent")).isEmpty();
            assertThat(informer.list("ai")).containsExactlyInAnyOrder(openai, azure);
            assertThat(informer.list("web")).containsExactly(web);
            assertThat(informer.list("empty")).isEmpty();
        }
    }

    @Test
    void informerOfOneNamespaceCachesOnlyThatNamespace() {
        Backend openai = in("ai").create(TestBackends.openAiBackend("openai"));
        in("web").create(TestBackends.staticBackend("frontend"));

        try (BackendInformer informer = in("ai").inform(new BackendEventHandler() { })) {
            informer.waitUntilSynced(PATIENCE);

            assertThat(informer.list()).containsExactly(openai);
        }
    }

    @Test
    void informerWithASelectorCachesOnlyMatchingBackends() {
        Backend gold = in("ai").create(withLabel(TestBackends.openAiBackend("gold"), "tier", "gold"));
        in("ai").create(withLabel(TestBackends.geminiBackend("silver"), "tier", "silver"));

        try (BackendInformer informer = kgw.backends().inAnyNamespace()
                .inform(ListOptions.withLabel("tier", "gold"), new BackendEventHandler() { }, Duration.ZERO)) {
            informer.waitUntilSynced(PATIENCE);

            assertThat(informer.list()).containsExactly(gold);
        }
    }

    @Test
    void handlerIsToldOfEveryAddUpdateAndDelete() {
        MirroringHandler handler = new MirroringHandler();
        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(handler)) {
            informer.waitUntilSynced(PATIENCE);

            in("ai").create(TestBackends.openAiBackend("openai"));
            in("ai").edit("openai", b -> withLabel(b, "tier", "gold"));
            in("ai").delete("openai");

            await().atMost(PATIENCE).until(() -> handler.calls.contains("delete ai/openai"));
            assertThat(handler.calls).containsExactly("add ai/openai", "update ai/openai null->gold", "delete ai/openai");
        }
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheInformer() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() {
            @Override
            public void onAdd(Backend backend) {
                seen.add(backend.getMetadata().getName());
                throw new IllegalStateException("handler bug");
            }
        })) {
            informer.waitUntilSynced(PATIENCE);
            in("ai").create(TestBackends.staticBackend("first"));
            in("ai").create(TestBackends.staticBackend("second"));

            await().atMost(PATIENCE).until(() -> seen.contains("second"));
            assertThat(informer.get("ai", "second")).isPresent();
        }
    }

    @Test
    void afterAnExpiredWatchAndDroppedConnectionsTheCacheEqualsAFreshList() {
        in("ai").create(TestBackends.openAiBackend("openai"));
        in("web").create(TestBackends.staticBackend("frontend"));
        in("lambda").create(TestBackends.awsBackend("checkout"));
        // the informer's first watch reports nothing: the changes below reach it only through the re-list after 410
        ScriptedWatch silent = api.scriptWatch(Req.watch(ALL_BACKENDS));
        MirroringHandler handler = new MirroringHandler();

        try (BackendInformer informer = kgw.backends().inAnyNamespace().inform(handler)) {
            informer.waitUntilSynced(PATIENCE);
            silent.request();
            in("ai").create(TestBackends.azureBackend("azure"));
            in("web").delete("frontend");
            in("lambda").edit("checkout", b -> withLabel(b, "tier", "gold"));
            silent.gone();

            awaitCacheEqualsServer(informer);
            assertThat(informer.get("lambda", "checkout")).hasValueSatisfying(b -> assertThat(label(b, "tier")).isEqualTo("gold"));
            assertThat(informer.get("web", "frontend")).isEmpty();

            // the watch after the re-list (served by the CRUD mock) is dropped twice; the informer resumes each time
            for (int drop = 1; drop <= 2; drop++) {
                // the informer's one connection, not the scripted one it closed after the 410
                await().atMost(PATIENCE).until(() -> api.openWatches().size() == 1 && !api.openWatches().contains(silent.socket()));
                var dropped = api.openWatches();
                api.dropAllWatches();
                // the mock only reports changes made while a watch is connected, so wait for the new connection
                await().atMost(PATIENCE).until(() -> api.openWatches().stream().anyMatch(w -> !dropped.contains(w)));
                in("web").create(TestBackends.staticBackend("frontend-" + drop));
                in("ai").edit("openai", b -> withLabel(b, "tier", "silver"));
                in("ai").delete(drop == 1 ? "azure" : "openai");

                awaitCacheEqualsServer(informer);
            }

            assertThat(informer.list()).extracting(b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrder("lambda/checkout", "web/frontend-1", "web/frontend-2");
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(handler.mirror.values()).containsExactlyInAnyOrderElementsOf(informer.list()));
        }
    }
}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.client.ScriptedApiServer.ScriptedWatch;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.DecodeOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static dev.kgateway.sdk.client.ScriptedApiServer.BACKENDS;
import static dev.kgateway.sdk.client.TestBackends.NS;
import static dev.kgateway.sdk.client.TestBackends.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Reads that keep only what a cache needs ({@link ListOptions.Builder#stripManagedFields},
 * {@link ListOptions.Builder#stripLastAppliedAnnotation}, {@link ListOptions.Builder#transform}),
 * and the update guard that keeps a stripped read from removing kubectl's annotation.
 */
class StrippedReadsTest {

    private static final String LAST_APPLIED = DecodeOptions.LAST_APPLIED_ANNOTATION;
    private static final ListOptions STRIP_MANAGED = ListOptions.builder().stripManagedFields(true).build();
    private static final ListOptions STRIP_BOTH = ListOptions.builder().stripManagedFields(true).stripLastAppliedAnnotation(true).build();

    private ScriptedApiServer api;
    private KgatewayClient kgw;
    private NamespacedBackendClient backends;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer();
        kgw = api.sdk(b -> { });
        kgw.installCrd(false);
        backends = kgw.backends().inNamespace(NS);
        createAsKubectl("web", "10.0.0.1");
    }

    @AfterEach
    void tearDown() {
        kgw.close();
        api.close();
    }

    /** A Backend as {@code kubectl apply} leaves it: managedFields and the last-applied annotation. */
    private void createAsKubectl(String name, String host) {
        String spec = "{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"" + host + "\",\"port\":8080}]}}";
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{"
                + "\"annotations\":{\"" + LAST_APPLIED + "\":\"{\\\"spec\\\":" + spec.replace("\"", "\\\"") + "}\",\"team\":\"search\"},"
                + "\"managedFields\":[{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"fieldsType\":\"FieldsV1\","
                + "\"fieldsV1\":{\"f:spec\":{\"f:type\":{}}},\"manager\":\"kubectl-client-side-apply\",\"operation\":\"Update\"}],"
                + "\"name\":\"" + name + "\",\"namespace\":\"" + NS + "\"},\"spec\":" + spec + "}";
        api.fabric8().genericKubernetesResources(Backend.API_VERSION, Backend.KIND).inNamespace(NS)
                .resource(api.fabric8().getKubernetesSerialization().unmarshal(json, GenericKubernetesResource.class)).create();
    }

    private static boolean hasManagedFields(Backend b) {
        return !b.getMetadata().getManagedFields().isEmpty();
    }

    @Test
    void listsKeepEverythingByDefault() {
        Backend web = backends.list().get(0);

        assertThat(hasManagedFields(web)).isTrue();
        assertThat(web.getMetadata().getAnnotations()).containsKeys(LAST_APPLIED, "team");
    }

    @Test
    void stripManagedFieldsDropsOnlyManagedFields() {
        Backend full = backends.list().get(0);
        Backend web = backends.list(STRIP_MANAGED).get(0);

        assertThat(hasManagedFields(web)).isFalse();
        assertThat(web.getMetadata().getAnnotations()).containsKeys(LAST_APPLIED, "team");
        assertThat(web.getSpec()).isEqualTo(full.getSpec());
    }

    @Test
    void stripLastAppliedAnnotationDropsTheAnnotationAndKeepsTheOthers() {
        Backend web = backends.list(STRIP_BOTH).get(0);

        assertThat(hasManagedFields(web)).isFalse();
        assertThat(web.getMetadata().getAnnotations()).containsOnlyKeys("team");
    }

    @Test
    void strippingReadsLeaveLaterPlainReadsWhole() {
        backends.list(STRIP_BOTH);

        Backend web = backends.require("web");
        assertThat(hasManagedFields(web)).isTrue();
        assertThat(web.getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
    }

    @Test
    void anInformerCachesStrippedBackendsFromItsListAndItsWatch() {
        List<Backend> added = new CopyOnWriteArrayList<>();
        try (BackendInformer informer = backends.inform(STRIP_BOTH, onAdd(added), Duration.ZERO)) {
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            createAsKubectl("api", "10.0.0.2");

            await().atMost(Duration.ofSeconds(10)).until(() -> informer.get(NS, "api").isPresent());
            for (Backend cached : informer.list()) {
                assertThat(hasManagedFields(cached)).as(cached.getMetadata().getName()).isFalse();
                assertThat(cached.getMetadata().getAnnotations()).as(cached.getMetadata().getName()).containsOnlyKeys("team");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> added.size() == 2);
            assertThat(added).allSatisfy(b -> assertThat(hasManagedFields(b)).isFalse());
        }
    }

    @Test
    void anInformerKeepsEverythingByDefault() {
        try (BackendInformer informer = backends.inform(new BackendEventHandler() { })) {
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();

            Backend cached = informer.get(NS, "web").orElseThrow();
            assertThat(hasManagedFields(cached)).isTrue();
            assertThat(cached.getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
        }
    }

    @Test
    void aTransformChangesWhatTheInformerCachesAndHandsToItsHandler() {
        ListOptions withoutSpec = ListOptions.builder().transform(b -> b.withMetadata(b.getMetadata().withLabels(Map.of("seen", "yes"))))
                .build();
        List<Backend> added = new CopyOnWriteArrayList<>();
        try (BackendInformer informer = backends.inform(withoutSpec, onAdd(added), Duration.ZERO)) {
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            createAsKubectl("api", "10.0.0.2");

            await().atMost(Duration.ofSeconds(10)).until(() -> added.size() == 2);
            assertThat(informer.list()).hasSize(2).allSatisfy(b -> assertThat(b.getMetadata().getLabels()).containsEntry("seen", "yes"));
            assertThat(added).allSatisfy(b -> assertThat(b.getMetadata().getLabels()).containsEntry("seen", "yes"));
        }
    }

    @Test
    void eachTransformAndEachStripOptionReadsWithItsOwnSettings() {
        UnaryOperator<Backend> markA = b -> b.withMetadata(b.getMetadata().withLabels(Map.of("seen", "a")));
        UnaryOperator<Backend> markB = b -> b.withMetadata(b.getMetadata().withLabels(Map.of("seen", "b")));

        Backend a = backends.list(ListOptions.builder().transform(markA).build()).get(0);
        Backend b = backends.list(ListOptions.builder().transform(markB).build()).get(0);
        Backend aStripped = backends.list(ListOptions.builder().transform(markA).stripManagedFields(true).build()).get(0);
        Backend aAgain = backends.list(ListOptions.builder().transform(markA).build()).get(0);

        assertThat(a.getMetadata().getLabels()).containsEntry("seen", "a");
        assertThat(b.getMetadata().getLabels()).containsEntry("seen", "b");
        assertThat(aStripped.getMetadata().getLabels()).containsEntry("seen", "a");
        assertThat(hasManagedFields(aStripped)).isFalse();
        assertThat(hasManagedFields(aAgain)).isTrue();
        assertThat(aAgain).isEqualTo(a);
    }

    @Test
    void aTransformThatThrowsLeavesTheBackendAsRead() {
        ListOptions failing = ListOptions.builder().transform(b -> {
            throw new IllegalStateException("boom");
        }).build();

        Backend web = backends.list(failing).get(0);

        assertThat(web).isEqualTo(backends.require("web"));
    }

    @Test
    void aTransformThatReturnsNullLeavesTheBackendAsRead() {
        Backend web = backends.list(ListOptions.builder().transform(b -> null).build()).get(0);

        assertThat(web).isEqualTo(backends.require("web"));
    }

    @Test
    void aWatchDeliversTransformedEventsButReadsBookmarksUntransformed() {
        ScriptedWatch scripted = api.scriptWatch(Req.watch(BACKENDS));
        List<String> transformed = new CopyOnWriteArrayList<>();
        ListOptions options = ListOptions.builder().stripManagedFields(true).transform(b -> {
            transformed.add(b.getMetadata().getName());
            return b.withMetadata(b.getMetadata().withLabels(Map.of("seen", "yes")));
        }).build();
        RecordingListener listener = new RecordingListener();
        transformed.clear();

        try (BackendWatch watch = backends.watch(options, listener)) {
            Backend bookmark = Backend.builder().apiVersion(Backend.API_VERSION).kind(Backend.KIND)
                    .metadata(m -> m.resourceVersion("150")).build();
            scripted.send("BOOKMARK", bookmark)
                    .send("ADDED", stored(TestBackends.staticBackend("api"), NS, "200"));
            listener.awaitEntry("ADDED api");

            assertThat(listener.events()).singleElement()
                    .satisfies(e -> assertThat(e.backend().getMetadata().getLabels()).containsEntry("seen", "yes"));
            assertThat(transformed).containsExactly("web", "api"); // the initial list and the event, not the bookmark
        }
    }

    @Test
    void aWatchEventWhoseObjectComesBeforeItsTypeIsDelivered() {
        ScriptedWatch scripted = api.scriptWatch(Req.watch(BACKENDS));
        RecordingListener listener = new RecordingListener();

        try (BackendWatch watch = backends.watch(listener)) {
            scripted.socket().send("{\"object\":" + TestBackends.json(stored(TestBackends.staticBackend("api"), NS, "200"))
                    + ",\"type\":\"ADDED\"}");

            listener.awaitEntry("ADDED api");
            assertThat(listener.events()).singleElement().satisfies(e -> assertThat(e.backend().getMetadata().getName()).isEqualTo("api"));
        }
    }

    @Test
    void updateOfABackendReadWithoutItsLastAppliedAnnotationIsRefused() {
        Backend cached = backends.list(STRIP_BOTH).get(0);

        assertThatThrownBy(() -> backends.update(cached.withMetadata(cached.getMetadata().withLabels(Map.of("tier", "gold")))))
                .isInstanceOf(KgatewayException.class)
                .hasMessageContaining(LAST_APPLIED)
                .hasMessageContaining("edit(..)");
        assertThat(backends.require("web").getMetadata().getLabels()).doesNotContainKey("tier");
    }

    @Test
    void afterAStrippingReadAnUpdateThatKeepsTheAnnotationGoesThrough() {
        backends.list(STRIP_BOTH);
        Backend full = backends.require("web");

        Backend updated = backends.update(full.withMetadata(full.getMetadata().withLabels(Map.of("tier", "gold"))));

        assertThat(updated.getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
        assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "gold");
    }

    @Test
    void editOfABackendCachedWithoutItsAnnotationKeepsTheAnnotation() {
        backends.list(STRIP_BOTH);

        Backend edited = backends.edit("web", b -> b.withMetadata(b.getMetadata().withLabels(Map.of("tier", "gold"))));

        assertThat(edited.getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
    }

    @Test
    void updateOfABackendReadWithoutManagedFieldsOnlyIsAllowed() {
        Backend cached = backends.list(STRIP_MANAGED).get(0);

        Backend updated = backends.update(cached.withMetadata(cached.getMetadata().withLabels(Map.of("tier", "gold"))));

        assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(updated.getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
    }

    @Test
    void aClientWrappingAFabric8ClientWithItsOwnRetriesStripsToo() {
        try (KgatewayClient wrapping = KgatewayClient.from(api.fabric8())) {
            Backend web = wrapping.backends().inNamespace(NS).list(STRIP_BOTH).get(0);

            assertThat(hasManagedFields(web)).isFalse();
            assertThat(web.getMetadata().getAnnotations()).containsOnlyKeys("team");
        }
    }

    @Test
    void theWrappedFabric8ClientsSerializationIsLeftAlone() {
        try (KgatewayClient wrapping = KgatewayClient.from(api.fabric8());
             BackendInformer informer = wrapping.backends().inNamespace(NS).inform(STRIP_BOTH, new BackendEventHandler() { }, Duration.ZERO)) {
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            wrapping.backends().inNamespace(NS).list();
        }

        assertThat(api.fabric8().getKubernetesSerialization().getRegisteredKubernetesResource(Backend.API_VERSION, Backend.KIND)).isNull();
        GenericKubernetesResource generic = api.fabric8().genericKubernetesResources(Backend.API_VERSION, Backend.KIND)
                .inNamespace(NS).withName("web").get();
        assertThat(generic.getMetadata().getManagedFields()).isNotEmpty();
    }

    @Test
    void optionsSayWhatTheyStrip() {
        assertThat(STRIP_MANAGED.decodeOptions()).isEqualTo(DecodeOptions.strip(true, false));
        assertThat(STRIP_BOTH.decodeOptions()).isSameAs(DecodeOptions.stripManagedFields());
        assertThat(ListOptions.all().decodeOptions()).isSameAs(DecodeOptions.defaults());
        assertThat(STRIP_BOTH.toBuilder().build()).isEqualTo(STRIP_BOTH).isNotEqualTo(STRIP_MANAGED);
        assertThat(STRIP_BOTH.toString()).contains("stripManagedFields", "stripLastAppliedAnnotation");
        assertThat(ListOptions.all().transform()).isEmpty();
    }

    private static BackendEventHandler onAdd(List<Backend> added) {
        return new BackendEventHandler() {
            @Override
            public void onAdd(Backend backend) {
                added.add(backend);
            }
        };
    }
}

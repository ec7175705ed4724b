package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wrapper fabric8 handles: the metadata fabric8 reads from Backends the server sent, and how
 * what fabric8 changes on a Backend to send reaches the wire.
 */
class BackendResourceTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static Backend stored() {
        return Backend.builder()
                .metadata(m -> m.name("openai").namespace("ai").resourceVersion("42").uid("u-1").generation(3L)
                        .generateName("open-").creationTimestamp("2026-01-02T03:04:05Z").deletionTimestamp("2026-01-03T00:00:00Z")
                        .putLabels("team", "search").putAnnotations("note", "kept").addFinalizers("kgateway.dev/cleanup"))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.1").port(8080))))
                .build();
    }

    @Test
    void aReceivedBackendGivesFabric8ItsBookkeepingMetadata() {
        ObjectMeta meta = BackendResource.fromServer(stored()).getMetadata();

        assertThat(meta.getName()).isEqualTo("openai");
        assertThat(meta.getNamespace()).isEqualTo("ai");
        assertThat(meta.getResourceVersion()).isEqualTo("42");
        assertThat(meta.getUid()).isEqualTo("u-1");
        assertThat(meta.getGeneration()).isEqualTo(3L);
        assertThat(meta.getGenerateName()).isEqualTo("open-");
        assertThat(meta.getCreationTimestamp()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(meta.getDeletionTimestamp()).isEqualTo("2026-01-03T00:00:00Z");
        assertThat(meta.getLabels()).containsExactly(Map.entry("team", "search"));
        assertThat(meta.getAnnotations()).containsExactly(Map.entry("note", "kept"));
        assertThat(meta.getFinalizers()).containsExactly("kgateway.dev/cleanup");
    }

    @Test
    void theBookkeepingMetadataIsMadeOnceAndSharesTheModelsReadOnlyCollections() {
        BackendResource resource = BackendResource.fromServer(stored());

        assertThat(resource.getMetadata()).isSameAs(resource.getMetadata());
        assertThat(resource.getMetadata().getLabels()).isSameAs(resource.backend().getMetadata().getLabels());
        assertThat(resource.getMetadata().getFinalizers()).isSameAs(resource.backend().getMetadata().getFinalizers());
        assertThatThrownBy(() -> resource.getMetadata().getLabels().put("cached", "yes"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(resource.backend()).isEqualTo(stored());
    }

    @Test
    void aReceivedBackendWithoutMetadataHasEmptyMetadata() {
        Backend bare = Backend.builder().spec(s -> s.type(BackendType.STATIC)).build();

        ObjectMeta meta = BackendResource.fromServer(bare).getMetadata();

        assertThat(meta.getName()).isNull();
        assertThat(meta.getLabels()).isEmpty();
    }

    @Test
    void aReceivedBackendGoesOnTheWireAsItIs() {
        Backend backend = stored();

        assertThat(BackendResource.fromServer(backend).wireBackend()).isSameAs(backend);
    }

    @Test
    void apiVersionAndKindAreTheBackendsOrTheDefaults() {
        Backend other = stored().toBuilder().apiVersion("gateway.kgateway.dev/v1beta1").kind("Other").build();
        Backend none = stored().toBuilder().apiVersion(null).kind(null).build();

        assertThat(BackendResource.fromServer(other).getApiVersion()).isEqualTo("gateway.kgateway.dev/v1beta1");
        assertThat(BackendResource.fromServer(other).getKind()).isEqualTo("Other");
        assertThat(BackendResource.fromServer(none).getApiVersion()).isEqualTo(Backend.API_VERSION);
        assertThat(BackendResource.fromServer(none).getKind()).isEqualTo(Backend.KIND);
    }

    @Test
    void aBackendToSendShowsFabric8ItsWholeMetadata() {
        BackendResource resource = BackendResource.forWrite(stored(), SERIALIZATION);

        assertThat(resource.getMetadata().getName()).isEqualTo("openai");
        assertThat(resource.getMetadata().getLabels()).containsEntry("team", "search");
        assertThat(resource.getMetadata().getFinalizers()).containsExactly("kgateway.dev/cleanup");
    }

    @Test
    void whatFabric8ChangesOnABackendToSendReachesTheWire() {
        BackendResource resource = BackendResource.forWrite(stored(), SERIALIZATION);

        resource.getMetadata().setResourceVersion("43");
        resource.setApiVersion("gateway.kgateway.dev/v1alpha1");

        Backend wire = resource.wireBackend();
        assertThat(wire.getMetadata().getResourceVersion()).isEqualTo("43");
        assertThat(wire.getMetadata().getLabels()).containsEntry("team", "search");
        assertThat(wire.getSpec()).isEqualTo(stored().getSpec());
        assertThat(wire.getApiVersion()).isEqualTo(Backend.API_VERSION);
        assertThat(wire.getKind()).isEqualTo(Backend.KIND);
    }

    @Test
    void metadataFabric8ReplacesIsTheMetadataSent() {
        BackendResource resource = BackendResource.forWrite(stored(), SERIALIZATION);

        resource.setMetadata(new ObjectMetaBuilder().withName("renamed").withNamespace("ai").withFinalizers(List.of()).build());

        assertThat(resource.getMetadata().getName()).isEqualTo("renamed");
        assertThat(resource.wireBackend().getMetadata().getName()).isEqualTo("renamed");
        assertThat(resource.wireBackend().getMetadata().getLabels()).isEmpty();
    }

    @Test
    void aBackendToSendWithoutMetadataGetsEmptyMetadata() {
        Backend bare = Backend.builder().spec(s -> s.type(BackendType.STATIC)).build();
        BackendResource resource = BackendResource.forWrite(bare, SERIALIZATION);

        resource.getMetadata().setName("named-by-fabric8");

        assertThat(resource.wireBackend().getMetadata().getName()).isEqualTo("named-by-fabric8");
    }

    @Test
    void toStringShowsTheBackend() {
        Backend backend = stored();

        assertThat(BackendResource.fromServer(backend)).hasToString("BackendResource{" + backend + "}");
    }
}

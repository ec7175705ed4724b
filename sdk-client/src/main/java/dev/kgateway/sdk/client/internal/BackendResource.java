package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The shape fabric8 handles: a Backend of the model plus the fabric8 {@link ObjectMeta} fabric8
 * reads and writes for its bookkeeping. Decoding goes straight into the model (no
 * {@code GenericKubernetesResource} in between); the fabric8 metadata is derived only when fabric8
 * asks for it. A new instance wraps every request, so fabric8 never sees a user's object.
 */
@Group(Backend.GROUP)
@Version(Backend.VERSION)
@Kind(Backend.KIND)
@Plural(Backend.PLURAL)
@JsonSerialize(using = BackendResourceSerde.Serializer.class)
@JsonDeserialize(using = BackendResourceSerde.Deserializer.class)
public final class BackendResource implements HasMetadata, Namespaced {
    private static final long serialVersionUID = 1L;

    private final transient Backend backend;
    /** Set for objects we send: converts fabric8's metadata (which fabric8 may change) back into the model. */
    private final transient KubernetesSerialization writer;
    private ObjectMeta metadata;
    private String apiVersion;
    private String kind;

    private BackendResource(Backend backend, KubernetesSerialization writer, ObjectMeta metadata) {
        this.backend = backend;
        this.writer = writer;
        this.metadata = metadata;
        this.apiVersion = backend.getApiVersion() == null ? Backend.API_VERSION : backend.getApiVersion();
        this.kind = backend.getKind() == null ? Backend.KIND : backend.getKind();
    }

    /** A Backend to send; its metadata is converted in full, so fabric8 can read and adjust it. */
    static BackendResource forWrite(Backend backend, KubernetesSerialization serialization) {
        ObjectMeta meta = backend.getMetadata() == null ? new ObjectMeta()
                : serialization.convertValue(backend.getMetadata(), ObjectMeta.class);
        return new BackendResource(backend, serialization, meta);
    }

    /** A Backend the server sent. */
    static BackendResource fromServer(Backend backend) {
        return new BackendResource(backend, null, null);
    }

    /** @return the Backend as the server sent it */
    public Backend backend() {
        return backend;
    }

    /** @return what goes on the wire: the Backend with fabric8's view of apiVersion, kind and metadata */
    Backend wireBackend() {
        if (writer == null) {
            return backend;
        }
        return backend.toBuilder()
                .apiVersion(apiVersion)
                .kind(kind)
                .metadata(writer.convertValue(metadata, dev.kgateway.sdk.model.ObjectMeta.class))
                .build();
    }

    @Override
    public ObjectMeta getMetadata() {
        if (metadata == null) {
            metadata = bookkeepingMetadata(backend.getMetadata());
        }
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String version) {
        this.apiVersion = version;
    }

    @Override
    public String getKind() {
        return kind;
    }

    /**
     * The metadata fields fabric8 uses to track objects it received (cache keys, resourceVersion,
     * deletion); objects received are never sent back, so this need not be complete. fabric8 asks
     * for it on every watch event, so it is filled in directly rather than through
     * {@code ObjectMetaBuilder} (whose fluent copy of every member showed up at about 4% of the
     * watch's CPU); labels, annotations and finalizers are the model's collections, not copies.
     */
    private static ObjectMeta bookkeepingMetadata(dev.kgateway.sdk.model.ObjectMeta meta) {
        ObjectMeta out = new ObjectMeta();
        if (meta == null) {
            return out;
        }
        out.setName(meta.getName());
        out.setNamespace(meta.getNamespace());
        out.setResourceVersion(meta.getResourceVersion());
        out.setUid(meta.getUid());
        out.setGeneration(meta.getGeneration());
        out.setGenerateName(meta.getGenerateName());
        out.setCreationTimestamp(meta.getCreationTimestamp());
        out.setDeletionTimestamp(meta.getDeletionTimestamp());
        // the model's (unmodifiable) collections, shared rather than copied: an informer's cache keeps
        // this metadata next to the Backend, and fabric8 only reads it for objects it received
        out.setLabels(meta.getLabels());
        out.setAnnotations(meta.getAnnotations());
        out.setFinalizers(meta.getFinalizers());
        return out;
    }

    @Override
    public String toString() {
        return "BackendResource{" + backend + "}";
    }
}

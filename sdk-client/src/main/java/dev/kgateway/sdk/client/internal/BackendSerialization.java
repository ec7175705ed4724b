package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.DecodeOptions;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.cfg.ContextAttributes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The fabric8 serialization the SDK's Backend requests read and write with, and a fabric8 client
 * that uses it. It is the SDK's own, never the serialization of the fabric8 client the SDK was
 * given, so what the SDK installs there (the {@link BackendResource} kind, a streaming
 * {@link WatchEventDeserializer}, {@link DecodeOptions} and a {@link ReadTransform} as default
 * attributes of every read) changes nothing for other users of that client.
 */
final class BackendSerialization {

    private BackendSerialization() {
    }

    /**
     * @param decode    what reads drop (the model's generated deserializers read it)
     * @param transform applied to each Backend read (but not to bookmarks), or {@code null}
     * @return a serialization with the BackendResource kind registered
     */
    static KubernetesSerialization create(DecodeOptions decode, ReadTransform transform) {
        ContextAttributes attributes = ContextAttributes.getEmpty().withSharedAttribute(DecodeOptions.class, decode);
        if (transform != null) {
            attributes = attributes.withSharedAttribute(ReadTransform.class, transform);
        }
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new SimpleModule("kgateway-backend-watch").addDeserializer(WatchEvent.class, new WatchEventDeserializer()))
                .defaultAttributes(attributes)
                .build();
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, true);
        serialization.registerKubernetesResource(BackendResource.class);
        return serialization;
    }

    /**
     * A client sharing {@code client}'s connections, executor, configuration and lifecycle, whose
     * operations read and write with {@code serialization}; {@code null} when {@code client} is not
     * fabric8's own implementation (then the caller has to use the client's serialization).
     */
    static KubernetesClient withSerialization(KubernetesClient client, KubernetesSerialization serialization) {
        return client instanceof KubernetesClientImpl impl ? new Derived(impl, serialization) : null;
    }

    /**
     * fabric8's copy of a client (shares everything), with another serialization; fabric8's own
     * copies of it keep that. A client made by {@code newClient(RequestConfig)} carries a default
     * operation context naming that client, and operations take their client (and so their
     * serialization) from it: the copy's context names the copy.
     */
    private static final class Derived extends KubernetesClientImpl {
        Derived(KubernetesClientImpl base, KubernetesSerialization serialization) {
            super(base);
            this.kubernetesSerialization = serialization;
            if (getOperationContext() != null) {
                operationContext(getOperationContext().withClient(this));
            }
        }
    }
}

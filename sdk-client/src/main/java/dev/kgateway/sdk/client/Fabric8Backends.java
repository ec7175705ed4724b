package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Objects;

/**
 * Hands Backends to fabric8-based code (the Java Operator SDK, owner-reference helpers, fabric8's
 * generic resource API) and takes them back: a lossless conversion to and from fabric8's
 * {@link GenericKubernetesResource}, through the Backend's JSON (unknown members included).
 *
 * <pre>{@code
 * GenericKubernetesResource generic = Fabric8Backends.toGeneric(backend);
 * generic.getMetadata().getOwnerReferences().add(ownerRef);         // fabric8's HasMetadata view
 * Backend back = Fabric8Backends.fromGeneric(generic);
 * }</pre>
 */
public final class Fabric8Backends {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Fabric8Backends() {
    }

    /** @return {@code backend} as a fabric8 generic resource (apiVersion and kind filled in when absent) */
    public static GenericKubernetesResource toGeneric(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backend complete = backend.toBuilder()
                .apiVersion(backend.getApiVersion() == null ? Backend.API_VERSION : backend.getApiVersion())
                .kind(backend.getKind() == null ? Backend.KIND : backend.getKind())
                .build();
        return SERIALIZATION.unmarshal(BackendJson.toJson(complete), GenericKubernetesResource.class);
    }

    /**
     * @return the Backend a fabric8 generic resource holds
     * @throws IllegalArgumentException when it is not a kgateway Backend ({@code gateway.kgateway.dev}, kind {@code Backend})
     */
    public static Backend fromGeneric(GenericKubernetesResource resource) {
        Objects.requireNonNull(resource, "resource");
        String apiVersion = resource.getApiVersion();
        if (!Backend.KIND.equals(resource.getKind()) || apiVersion == null || !apiVersion.startsWith(Backend.GROUP + "/")) {
            throw new IllegalArgumentException("not a kgateway Backend: apiVersion '" + apiVersion + "', kind '" + resource.getKind()
                    + "' (expected " + Backend.GROUP + "/..., Backend)");
        }
        return BackendJson.fromJson(SERIALIZATION.asJson(resource));
    }
}

package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.BackendFixtures;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** Backends to write, and fabric8's untyped access to them. */
final class Fixtures {

    static final ResourceDefinitionContext BACKENDS = new ResourceDefinitionContext.Builder()
            .withGroup(Backend.GROUP).withVersion("v1alpha1").withKind(Backend.KIND).withPlural(Backend.PLURAL).withNamespaced(true).build();

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    /** @return {@link BackendFixtures#staticBackend(String, String, int)} */
    static Backend staticBackend(String name, String host, int port) {
        return BackendFixtures.staticBackend(name, host, port);
    }

    /** @return {@link BackendFixtures#staticBackend(String)}: one host, 10.0.0.1:8080 */
    static Backend staticBackend(String name) {
        return BackendFixtures.staticBackend(name);
    }

    static Backend labelled(Backend backend, Map<String, String> labels) {
        return backend.withMetadata(backend.getMetadata().withLabels(labels));
    }

    static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> backends(
            KubernetesClient client) {
        return client.genericKubernetesResources(BACKENDS);
    }

    /** @return a Backend as fabric8's untyped resource, from JSON */
    static GenericKubernetesResource generic(KubernetesClient client, String json) {
        return client.getKubernetesSerialization().unmarshal(json, GenericKubernetesResource.class);
    }

    /** @return a static Backend as an untyped resource */
    static GenericKubernetesResource genericStatic(KubernetesClient client, String name, String host, int port) {
        return generic(client, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"" + host + "\",\"port\":" + port + "}]}}}");
    }

    /** @return the API path of the Backends of {@code namespace}, for requests sent with {@link RawHttp} */
    static String backendsPath(String namespace) {
        return "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + namespace + "/backends";
    }

    /** @return a static Backend (host 10.0.0.1, port 8080) as JSON text, {@code metadataMembers} written inside its {@code metadata} */
    static String staticJson(String metadataMembers) {
        return "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{" + metadataMembers + "},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":8080}]}}}";
    }

    /** @return {@code resource} as a JSON tree, for assertions on members fabric8 does not type */
    static tools.jackson.databind.JsonNode tree(KubernetesClient client, Object resource) {
        return JSON.readTree(client.getKubernetesSerialization().asJson(resource));
    }
}

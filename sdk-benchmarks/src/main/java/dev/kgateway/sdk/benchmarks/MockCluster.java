package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.client.KgatewayClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's embedded mock API server in CRUD mode (with expectations layered on top, which take
 * precedence when set), a fabric8 client for the raw side and a KgatewayClient over a second fabric8
 * client of the same server. Two clients because the SDK registers its Backend type in the
 * serialization of the client it wraps (so watch events decode straight into the model), which
 * would change how the raw side's generic watch decodes Backends on a shared client; each side is
 * measured as it runs on its own. The SDK's CRD is installed with {@code installCrd(false)}, so the
 * server knows the Backend resource for CRUD, discovery and watch.
 */
public final class MockCluster implements AutoCloseable {

    /** The mock server logs every request at INFO through java.util.logging; kept quiet (and referenced, so the setting sticks). */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    public final KubernetesMockServer server;
    public final NamespacedKubernetesClient client;
    private final NamespacedKubernetesClient sdkClient;
    public final KgatewayClient kgateway;

    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        sdkClient = server.createClient();
        kgateway = KgatewayClient.from(sdkClient);
        // the mock runs no apiextensions controller, so nothing would mark the CRD Established: do not wait for it
        kgateway.installCrd(dev.kgateway.sdk.client.CrdInstallOptions.defaults().withEstablishedTimeout(java.time.Duration.ZERO));
    }

    /** @return raw fabric8 access to Backends, as {@code GenericKubernetesResource} */
    public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> generic() {
        return client.genericKubernetesResources(Workloads.API_VERSION, "Backend");
    }

    /** Creates the first {@code count} workload items in {@code namespace} through the raw fabric8 API. */
    public void createBackends(String namespace, int count) {
        List<Map<String, Object>> items = Workloads.items(count, namespace);
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) item.get("metadata");
            metadata.remove("resourceVersion");
            GenericKubernetesResource resource = Codecs.FABRIC8_SERIALIZATION.convertValue(item, GenericKubernetesResource.class);
            generic().inNamespace(namespace).resource(resource).create();
        }
    }

    @Override
    public void close() {
        kgateway.close();
        sdkClient.close();
        client.close();
        server.destroy();
    }
}

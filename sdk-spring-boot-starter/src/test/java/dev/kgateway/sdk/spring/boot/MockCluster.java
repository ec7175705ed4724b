package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;

/** fabric8's mock API server in CRUD mode (see {@link OffLoopCloseDispatcher}), over plain HTTP, with a fabric8 client of its own. */
final class MockCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient direct;

    MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new OffLoopCloseDispatcher(), false);
        server.init();
        direct = server.createClient();
    }

    /** @return the paths (with their queries) of the writes received so far, and forgets every request received */
    java.util.List<String> writePaths() throws InterruptedException {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (var r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (!r.getMethod().equals("GET")) {
                out.add(r.getMethod() + " " + r.getPath());
            }
        }
        return out;
    }

    /** @return the server's URL, for {@code kgateway.master-url} */
    String url() {
        return server.url("/");
    }

    /** @return a client of the test, to look at the server's state */
    KubernetesClient direct() {
        return direct;
    }

    /** @return the Backend as the server stores it, or {@code null} */
    GenericKubernetesResource stored(String namespace, String name) {
        return direct.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                        .withGroup("gateway.kgateway.dev").withVersion("v1alpha1").withKind("Backend")
                        .withPlural("backends").withNamespaced(true).build())
                .inNamespace(namespace).withName(name).get();
    }

    static Backend backend(String namespace, String name, String team) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", team))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.7").port(8080))))
                .build();
    }

    @Override
    public void close() {
        direct.close();
        server.destroy();
    }
}

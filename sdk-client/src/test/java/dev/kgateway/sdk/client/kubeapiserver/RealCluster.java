package dev.kgateway.sdk.client.kubeapiserver;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/** What the client suites on the real kube-apiserver share: clients of it, a fresh namespace, a Backend. */
final class RealCluster {

    /** Short delays, the default attempts: tests wait for what they cause, not for backoff. */
    static final RetryPolicy QUICK = new RetryPolicy(4, 30, Duration.ofMillis(20), Duration.ofMillis(200));

    private RealCluster() {
    }

    /** @return an SDK client of the admin user, the SDK's Backend CRD installed (once per server) and Established */
    static KgatewayClient client(KubeApiServer server) {
        return client(server.config(), b -> { });
    }

    /** @return an SDK client for {@code config} with quick retries and {@code customize} applied; the CRD installed */
    static KgatewayClient client(Config config, Consumer<KgatewayClient.Builder> customize) {
        KgatewayClient.Builder builder = KgatewayClient.builder().config(config).retryPolicy(QUICK);
        customize.accept(builder);
        KgatewayClient client = builder.build();
        client.installCrd(false);
        return client;
    }

    /** @return a fabric8 client of the admin user, fabric8's defaults */
    static KubernetesClient fabric8(KubeApiServer server) {
        return new KubernetesClientBuilder().withConfig(server.config()).build();
    }

    /** Creates a namespace with a random name. @return its name */
    static String namespace(KubeApiServer server) {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        try (KubernetesClient admin = fabric8(server)) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
        return name;
    }

    /** @return a static Backend the newest kgateway release accepts: one host, port 8080 */
    static Backend web(String name) {
        return Backend.builder().metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.1").port(8080))))
                .build();
    }
}

package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.KgatewayClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;

/**
 * An in-process Kubernetes API server (fabric8's mock server in CRUD mode) with the SDK's Backend
 * CRD installed: enough to run the examples without a cluster. It keeps objects in memory and
 * supports watches, label selectors, optimistic concurrency, the status subresource and a
 * simplified server-side apply (create or merge, no field ownership); it does not validate against
 * the schema or paginate.
 *
 * <pre>{@code
 * try (EmbeddedApiServer server = EmbeddedApiServer.start()) {
 *     KgatewayClient kgw = server.kgateway();
 *     kgw.backends().inNamespace("demo").create(backend);
 * }
 * }</pre>
 */
public final class EmbeddedApiServer implements AutoCloseable {

    /** The mock server logs every request through java.util.logging; kept quiet (a strong reference keeps the level). */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KgatewayClient kgateway;

    private EmbeddedApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApplyingCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        kgateway = KgatewayClient.from(client);
        // the mock runs no apiextensions controller, so nothing would mark the CRD Established: do not wait for it
        kgateway.installCrd(dev.kgateway.sdk.client.CrdInstallOptions.defaults().withEstablishedTimeout(java.time.Duration.ZERO));
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** @return a started server with the Backend CRD installed */
    public static EmbeddedApiServer start() {
        return new EmbeddedApiServer();
    }

    /**
     * Starts a server, runs {@code example} against it and stops the server; what the examples'
     * {@code main} methods do.
     *
     * @return what {@code example} returned
     */
    public static <T> T runWith(java.util.function.Function<KgatewayClient, T> example) {
        try (EmbeddedApiServer server = start()) {
            return example.apply(server.kgateway());
        }
    }

    /** @return a KgatewayClient connected to this server */
    public KgatewayClient kgateway() {
        return kgateway;
    }

    /** @return the fabric8 client connected to this server */
    public KubernetesClient kubernetesClient() {
        return client;
    }

    @Override
    public void close() {
        kgateway.close();
        client.close();
        server.destroy();
    }
}

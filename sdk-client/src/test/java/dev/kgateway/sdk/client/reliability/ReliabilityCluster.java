package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.KgatewayClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;

/**
 * A CRUD mock API server ({@link ReliabilityCrudDispatcher}) with the Backend CRD installed, and
 * a {@link ReliabilityProxy} in front of it: clients built from {@link #proxiedConfig()} reach the
 * server through the proxy, so their connections can be cut.
 */
final class ReliabilityCluster implements AutoCloseable {

    final ReliabilityCrudDispatcher dispatcher = new ReliabilityCrudDispatcher();
    final KubernetesMockServer server;
    final KubernetesClient direct;
    final ReliabilityProxy proxy;

    ReliabilityCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        direct = server.createClient();
        KgatewayClient.from(direct).installCrd(false);
        try {
            proxy = new ReliabilityProxy(server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mock server's client configuration, pointed at the proxy; watches reconnect after 100 ms. */
    Config proxiedConfig() {
        return new ConfigBuilder(direct.getConfiguration())
                .withMasterUrl(proxy.url())
                .withWatchReconnectInterval(100)
                .withRequestTimeout(10_000)
                .build();
    }

    @Override
    public void close() {
        proxy.close();
        direct.close();
        server.destroy();
    }
}

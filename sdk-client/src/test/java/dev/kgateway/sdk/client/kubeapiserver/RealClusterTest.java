package dev.kgateway.sdk.client.kubeapiserver;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test class on the real server: an admin SDK client (the CRD installed) and the Backends of a fresh namespace per test. */
abstract class RealClusterTest {

    KubeApiServer server;
    KgatewayClient kgw;
    NamespacedBackendClient backends;

    @BeforeEach
    void connect() {
        kgw = RealCluster.client(server);
        backends = kgw.backends().inNamespace(RealCluster.namespace(server));
    }

    @AfterEach
    void close() {
        kgw.close();
    }
}

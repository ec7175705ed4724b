package dev.kgateway.sdk.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scripted mock API server with the SDK's CRD for all tests of a class, and for each test a
 * fresh client and a namespace of its own, so tests cannot see each other's Backends.
 */
abstract class SharedApiServerTest {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    static ScriptedApiServer api;

    KgatewayClient kgw;
    NamespacedBackendClient backends;

    @BeforeAll
    static void startServer() {
        api = new ScriptedApiServer();
        KgatewayClient.from(api.fabric8()).installCrd(false);
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void openClientInAFreshNamespace() {
        kgw = newClient();
        backends = kgw.backends().inNamespace(api.server().createNamespace(namespacePrefix() + "-" + NAMESPACES.incrementAndGet()));
    }

    @AfterEach
    void closeClient() {
        kgw.close();
    }

    /** @return the client a test uses; override to configure it */
    KgatewayClient newClient() {
        return KgatewayClient.from(api.fabric8());
    }

    /** @return the prefix of the namespaces this class's tests work in */
    abstract String namespacePrefix();

    /** @return the API path of the Backends of the test's namespace */
    String backendsPath() {
        return "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + backends.namespace() + "/backends";
    }
}

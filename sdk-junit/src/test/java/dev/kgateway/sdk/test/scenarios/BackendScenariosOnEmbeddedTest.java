package dev.kgateway.sdk.test.scenarios;

import dev.kgateway.sdk.test.KgatewayTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import dev.kgateway.sdk.test.TestServerKind;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** The scenarios on the embedded server. */
@KgatewayTest(server = TestServerKind.EMBEDDED, crds = {KgatewayTestServer.SDK_BACKEND_CRD, "crds/widgets.yaml"})
class BackendScenariosOnEmbeddedTest extends BackendScenarios {

    @Override
    TestServerKind expectedServer() {
        return TestServerKind.EMBEDDED;
    }

    @Override
    void compactHistory() {
        ((dev.kgateway.sdk.test.KgatewayTestServer) cluster).expireWatchHistory();
    }

    /**
     * Not on this server: it answers a plain HTTP watch whole when the watch ends, from fabric8's mock
     * web server's event loop, so a write sent while the watch is open waits until it has ended and
     * the watch never carries it (README, "What is not modelled"). The WebSocket form,
     * {@link #aWatchListSendsTheObjectsThenABookmarkEndingTheInitialEventsThenTheChanges}, runs here.
     */
    @Override
    @Test
    @Disabled("plain HTTP watches hold up other requests until they end on the embedded server: see the README's What is not modelled")
    void aPlainHttpWatchListAlsoCarriesAWriteMadeWhileItIsOpen() {
    }
}

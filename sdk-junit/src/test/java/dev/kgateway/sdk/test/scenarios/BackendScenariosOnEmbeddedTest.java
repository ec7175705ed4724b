package dev.kgateway.sdk.test.scenarios;

import dev.kgateway.sdk.test.KgatewayTest;
import dev.kgateway.sdk.test.TestServerKind;

/** The scenarios on the embedded server. */
@KgatewayTest(server = TestServerKind.EMBEDDED)
class BackendScenariosOnEmbeddedTest extends BackendScenarios {

    @Override
    TestServerKind expectedServer() {
        return TestServerKind.EMBEDDED;
    }
}

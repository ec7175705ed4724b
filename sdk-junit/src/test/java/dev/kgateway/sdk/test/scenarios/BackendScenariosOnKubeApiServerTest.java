package dev.kgateway.sdk.test.scenarios;

import dev.kgateway.sdk.test.KgatewayTest;
import dev.kgateway.sdk.test.TestServerKind;

/** The scenarios on kube-apiserver v1.37.2: the reference. */
@KgatewayTest(server = TestServerKind.KUBE_APISERVER)
class BackendScenariosOnKubeApiServerTest extends BackendScenarios {

    @Override
    TestServerKind expectedServer() {
        return TestServerKind.KUBE_APISERVER;
    }
}

package dev.kgateway.sdk.test.scenarios;

import dev.kgateway.sdk.test.KgatewayTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import dev.kgateway.sdk.test.TestServerKind;

/** The scenarios on kube-apiserver v1.37.2: the reference. */
@KgatewayTest(server = TestServerKind.KUBE_APISERVER, crds = {KgatewayTestServer.SDK_BACKEND_CRD, "crds/widgets.yaml"})
class BackendScenariosOnKubeApiServerTest extends BackendScenarios {

    @Override
    TestServerKind expectedServer() {
        return TestServerKind.KUBE_APISERVER;
    }

    @Override
    void compactHistory() {
        ((dev.kgateway.sdk.test.internal.RealServerSession) cluster).server().compactEtcd();
    }
}

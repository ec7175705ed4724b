package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.KgatewayClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The API server a {@link KgatewayTest @KgatewayTest} class runs on, whichever it is: the
 * embedded one ({@link KgatewayTestServer}) or a real kube-apiserver. A test written against this
 * interface runs unchanged on both; inject it as a field or parameter.
 *
 * <pre>{@code
 * @KgatewayTest(server = TestServerKind.DEFAULT)        // -Dkgateway.sdk.test.server=kube-apiserver moves it
 * class SyncTest {
 *     TestCluster cluster;
 *     @TestNamespace String ns;
 *
 *     @Test
 *     void syncCreatesTheBackend() {
 *         new BackendSync(cluster.kgatewayClient()).run(ns);
 *         assertThat(cluster.kgatewayClient().backends().inNamespace(ns).get("web")).isPresent();
 *     }
 * }
 * }</pre>
 */
public interface TestCluster {

    /** @return {@link TestServerKind#EMBEDDED} or {@link TestServerKind#KUBE_APISERVER} */
    TestServerKind kind();

    /** @return a fabric8 configuration of the server's administrator, built from nothing (no kubeconfig is read) */
    Config config();

    /** @return a fabric8 client of the server; closed with it */
    KubernetesClient kubernetesClient();

    /** @return an SDK client of the server (short retry delays); closed with it */
    KgatewayClient kgatewayClient();

    /** @return the name of a new namespace, {@code test-<random>} */
    String createNamespace();

    /** Deletes namespace {@code name} (on kube-apiserver without a controller manager it stays Terminating, its objects with it). */
    void deleteNamespace(String name);
}

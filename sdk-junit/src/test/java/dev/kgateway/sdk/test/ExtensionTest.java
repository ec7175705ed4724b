package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.KgatewayClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** What {@code @KgatewayTest} gives a test class. */
class ExtensionTest {

    @KgatewayTest
    static class Injected {
        static final Set<String> NAMESPACES = ConcurrentHashMap.newKeySet();
        static final Set<KgatewayTestServer> SERVERS = ConcurrentHashMap.newKeySet();

        KgatewayTestServer server;
        KgatewayClient kgw;
        KubernetesClient client;
        @TestNamespace
        String ns;

        @Test
        void fieldsAreInjected() {
            assertThat(server).isNotNull();
            assertThat(kgw).isSameAs(server.kgatewayClient());
            assertThat(client).isSameAs(server.kubernetesClient());
            assertThat(client.namespaces().withName(ns).get()).as("the namespace exists").isNotNull();
            NAMESPACES.add(ns);
            SERVERS.add(server);
        }

        @Test
        void parametersAreInjected(KgatewayTestServer s, KgatewayClient k, KubernetesClient c, @TestNamespace String namespace) {
            assertThat(s).isSameAs(server);
            assertThat(k).isSameAs(kgw);
            assertThat(c).isSameAs(client);
            assertThat(namespace).isEqualTo(ns);
            NAMESPACES.add(namespace);
            SERVERS.add(s);
        }

        @Test
        void theBackendCrdIsInstalled() {
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName("backends.gateway.kgateway.dev").get()).isNotNull();
            NAMESPACES.add(ns);
            SERVERS.add(server);
        }

        @Nested
        class Inner {
            @Test
            void nestedClassesShareTheOuterServer(KgatewayTestServer s) {
                SERVERS.add(s);
                assertThat(s).isSameAs(server);
            }
        }
    }

    @KgatewayTest(serverPerMethod = true)
    static class PerMethod {
        static final Set<KgatewayTestServer> SERVERS = ConcurrentHashMap.newKeySet();

        @Test
        void one(KgatewayTestServer server) {
            SERVERS.add(server);
        }

        @Test
        void two(KgatewayTestServer server) {
            SERVERS.add(server);
        }
    }

    @Test
    void everyTestGetsAFreshNamespaceAndTheClassSharesOneServer() {
        Injected.NAMESPACES.clear();
        Injected.SERVERS.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Injected.class)).execute()
                .testEvents().assertStatistics(s -> s.started(4).succeeded(4));

        assertThat(Injected.NAMESPACES).hasSize(3);
        assertThat(Injected.SERVERS).hasSize(1);
    }

    @Test
    void testsOfAClassRunInParallelSafely() {
        Injected.NAMESPACES.clear();
        Injected.SERVERS.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Injected.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .execute()
                .testEvents().assertStatistics(s -> s.started(4).succeeded(4));

        assertThat(Injected.NAMESPACES).hasSize(3);
    }

    @Test
    void serverPerMethodStartsOneServerForEachTest() {
        PerMethod.SERVERS.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerMethod.class)).execute()
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(PerMethod.SERVERS).hasSize(2);
    }

    @Test
    void theServerNeverReadsAKubeconfigOrFabric8SystemProperties(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path kubeconfig = dir.resolve("config");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: from-kubeconfig}}]
                contexts: [{name: x, context: {cluster: c, user: u, namespace: from-kubeconfig}}]
                current-context: x
                """);
        Map<String, String> properties = Map.of("kubeconfig", kubeconfig.toString(), "kubernetes.master", "https://127.0.0.1:1",
                "kubernetes.auth.token", "from-property", "kubernetes.namespace", "from-property");
        Map<String, String> previous = new java.util.HashMap<>();
        properties.forEach((k, v) -> previous.put(k, System.getProperty(k)));
        properties.forEach(System::setProperty);
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            assertThat(server.config().getMasterUrl()).isEqualTo(server.url());
            assertThat(server.kubernetesClient().getNamespace()).isEqualTo("default");
            assertThat(server.kgatewayClient().backends().inNamespace("default").list()).isEmpty();
            assertThat(server.requests()).allSatisfy(c -> assertThat(c.header("Authorization")).isNull());
        } finally {
            previous.forEach(ExtensionTest::restore);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}

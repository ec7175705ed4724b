package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.kgateway.sdk.client.TestBackends.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Building and closing a KgatewayClient: what close stops, what it leaves open, what toString shows. */
class ClientLifecycleTest {

    private static final Duration PATIENCE = RecordingListener.PATIENCE;

    private ScriptedApiServer api;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer();
        KgatewayClient.from(api.fabric8()).installCrd(false);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private static Set<Thread> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("kgateway-watch-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void closeStopsTheClientsWatchesAndInformers() {
        Set<Thread> before = watchThreads();
        KgatewayClient kgw = api.sdk(b -> { });
        RecordingListener inNamespace = new RecordingListener();
        RecordingListener everywhere = new RecordingListener();
        BackendWatch namespaceWatch = kgw.backends().inNamespace(NS).watch(inNamespace);
        BackendWatch clusterWatch = kgw.backends().inAnyNamespace().watch(everywhere);
        BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { });
        assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();
        kgw.backends().inNamespace(NS).create(TestBackends.staticBackend("a"));
        inNamespace.awaitEntry("ADDED a");
        everywhere.awaitEntry("ADDED a");
        await().atMost(PATIENCE).until(() -> informer.get(NS, "a").isPresent());
        assertThat(watchThreads()).as("one event thread per watch").hasSize(before.size() + 2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.openWatches()).hasSize(3));

        kgw.close();

        assertThat(namespaceWatch.isOpen()).isFalse();
        assertThat(clusterWatch.isOpen()).isFalse();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(api.openWatches()).isEmpty();
            assertThat(watchThreads()).isSubsetOf(before);
        });
    }

    @Test
    void closeLeavesAFabric8ClientPassedWithFromOpenButStopsItsOwnWatches() {
        KgatewayClient kgw = KgatewayClient.from(api.fabric8());
        BackendWatch watch = kgw.backends().inNamespace(NS).watch(new RecordingListener());
        BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { });
        informer.waitUntilSynced(PATIENCE);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.openWatches()).hasSize(2));

        kgw.close();

        assertThat(watch.isOpen()).isFalse();
        await().atMost(PATIENCE).until(() -> api.openWatches().isEmpty());
        assertThat(api.fabric8().apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME).get()).isNotNull();
        try (KgatewayClient again = KgatewayClient.from(api.fabric8())) {
            assertThat(again.backends().inNamespace(NS).create(TestBackends.awsBackend("after-close"))).isNotNull();
        }
    }

    @Test
    void watchesAndInformersLearnThatTheFabric8ClientPassedWithFromWasClosed() {
        Set<Thread> before = watchThreads();
        KubernetesClient fabric8 = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(api.config()).build();
        KgatewayClient kgw = KgatewayClient.from(fabric8);
        RecordingListener listener = new RecordingListener();
        BackendWatch watch = kgw.backends().inNamespace(NS).watch(listener);
        BackendInformer informer = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { });
        assertThat(informer.waitUntilSynced(PATIENCE)).isTrue();
        assertThat(informer.isRunning()).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.openWatches()).hasSize(2));

        fabric8.close();

        assertThat(informer.isRunning()).isFalse();
        await().atMost(PATIENCE).until(() -> !watch.isOpen());
        assertThat(listener.closes()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("fabric8 client"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(watchThreads()).isSubsetOf(before));
        kgw.close();
    }

    @Test
    void aClosedClientStartsNoMoreWatchesInformersOrWaits() {
        KgatewayClient kgw = KgatewayClient.from(api.fabric8());
        kgw.close();

        assertThatThrownBy(() -> kgw.backends().inNamespace(NS).watch(new RecordingListener())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kgw.backends().inNamespace(NS).waitUntil("a", b -> true, PATIENCE)).isInstanceOf(IllegalStateException.class);
        assertThat(api.requests(r -> r.isWatch())).isEmpty();
        assertThat(api.openWatches()).isEmpty();
    }

    @Test
    void closeWaitsForAListenerCallInProgress() throws Exception {
        KgatewayClient kgw = api.sdk(b -> { });
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        BackendWatch watch = kgw.backends().inNamespace(NS).watch(event -> {
            inCallback.countDown();
            await().atMost(PATIENCE).until(() -> release.getCount() == 0);
            order.add("callback returned");
        });
        kgw.backends().inNamespace(NS).create(TestBackends.staticBackend("a"));
        assertThat(inCallback.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(() -> {
            watch.close();
            order.add("close returned");
        });
        closer.start();
        closer.join(300);
        assertThat(closer.isAlive()).as("close waits while the listener runs").isTrue();
        release.countDown();
        closer.join(PATIENCE.toMillis());

        assertThat(order).containsExactly("callback returned", "close returned");
        kgw.close();
    }

    @Test
    void closeClosesTheFabric8ClientItCreated() {
        KgatewayClient kgw = api.sdk(b -> { });
        var own = kgw.kubernetesClient();
        assertThat(own.apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME).get()).isNotNull();

        kgw.close();

        assertThatThrownBy(() -> own.apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME).get())
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void closingTwiceIsHarmless() {
        KgatewayClient kgw = api.sdk(b -> { });
        BackendWatch watch = kgw.backends().inNamespace(NS).watch(new RecordingListener());

        kgw.close();
        kgw.close();

        assertThat(watch.isOpen()).isFalse();
    }

    @Test
    void toStringShowsTheServerButNoCredentials() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://k8s.example:6443")
                .withNamespace("ai")
                .withOauthToken("sentinel-oauth-token-7f3a")
                .withUsername("admin")
                .withPassword("sentinel-password-91c2")
                .build();

        try (KgatewayClient kgw = KgatewayClient.builder().config(config).build()) {
            assertThat(kgw.toString())
                    .contains("k8s.example:6443")
                    .contains("ai")
                    .doesNotContain("sentinel-oauth-token-7f3a")
                    .doesNotContain("sentinel-password-91c2");
        }
    }

    @Test
    void builderRefusesBothAClientAndAConfig() {
        assertThatThrownBy(() -> KgatewayClient.builder().kubernetesClient(api.fabric8()).config(api.config()).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void defaultNamespaceIsTheOneOfTheKubeconfigContext() {
        try (KgatewayClient kgw = KgatewayClient.from(api.fabric8())) {
            assertThat(kgw.backends().inDefaultNamespace().namespace()).isEqualTo(api.fabric8().getNamespace());
        }
    }
}

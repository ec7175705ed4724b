package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.embeddedapiserver.BackendFixtures;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InformerBeansTest {

    private EmbeddedApiServer server;
    private ApplicationContextRunner runner;

    /** shop/web (team web), shop/db (team data) and other/web (team web) on the embedded API server. */
    @BeforeEach
    void startServer() {
        server = EmbeddedApiServer.start();
        server.createNamespace("shop");
        server.createNamespace("other");
        try (KgatewayClient seed = KgatewayClient.builder().config(server.config()).build()) {
            seed.backends().inNamespace("shop").create(backend("web", "web"));
            seed.backends().inNamespace("shop").create(backend("db", "data"));
            seed.backends().inNamespace("other").create(backend("web", "web"));
        }
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class))
                .withPropertyValues("kgateway.master-url=" + server.url());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static Backend backend(String name, String team) {
        return BackendFixtures.staticBackend(name).editMetadata(m -> m.putLabels("team", team));
    }

    private static List<String> names(List<Backend> backends) {
        return backends.stream().map(b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName()).sorted().toList();
    }

    @Test
    void anInformerDeclaredAsPropertiesIsABeanStartedWithTheContext() {
        runner.withPropertyValues("kgateway.informers.webBackends.label-selector=team=web").run(context -> {
            ManagedBackendInformer informer = context.getBean("webBackends", ManagedBackendInformer.class);

            assertThat(informer.isRunning()).isTrue();
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            assertThat(names(informer.list())).containsExactly("other/web", "shop/web");
        });
    }

    @Test
    void informersKeepEverythingUnlessTheirStripPropertiesAreSet() {
        runner.withPropertyValues("kgateway.informers.lean.strip-managed-fields=true",
                "kgateway.informers.lean.strip-last-applied-annotation=true", "kgateway.informers.lean.label-selector=team=web",
                "kgateway.informers.plain.namespace=shop").run(context -> {
            ManagedBackendInformer lean = context.getBean("lean", ManagedBackendInformer.class);
            ManagedBackendInformer plain = context.getBean("plain", ManagedBackendInformer.class);

            assertThat(lean.definition().listOptions().decodeOptions())
                    .isSameAs(dev.kgateway.sdk.model.DecodeOptions.stripManagedFields());
            assertThat(lean.definition().listOptions().labelSelector()).isEqualTo("team=web");
            assertThat(lean.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            assertThat(names(lean.list())).containsExactly("other/web", "shop/web");
            assertThat(plain.definition().listOptions().decodeOptions().stripsAnything()).isFalse();
        });
    }

    @Test
    void aNamespacePropertyLimitsTheInformerToThatNamespace() {
        runner.withPropertyValues("kgateway.informers.shop.namespace=shop").run(context -> {
            ManagedBackendInformer informer = context.getBean("shop", ManagedBackendInformer.class);

            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            assertThat(names(informer.list())).containsExactly("shop/db", "shop/web");
        });
    }

    @Test
    void theContextStopsItsInformersWhenItCloses() {
        ManagedBackendInformer[] kept = new ManagedBackendInformer[1];
        runner.withPropertyValues("kgateway.informers.all.resync=0s").run(context -> {
            kept[0] = context.getBean("all", ManagedBackendInformer.class);
            assertThat(kept[0].waitUntilSynced(Duration.ofSeconds(10))).isTrue();
        });

        assertThat(kept[0].isRunning()).isFalse();
        assertThat(kept[0].list()).isEmpty();
        assertThat(kept[0].hasSynced()).isFalse();
    }

    /** An application's own informer bean, with a handler. */
    @Configuration(proxyBeanMethods = false)
    static class DataInformer {
        final List<String> added = new CopyOnWriteArrayList<>();

        @Bean
        ManagedBackendInformer dataBackends(KgatewayClient kgw) {
            return new ManagedBackendInformer("dataBackends", kgw, BackendInformerDefinition.inNamespace("shop")
                    .withLabelSelector("team=data")
                    .withHandler(new BackendEventHandler() {
                        @Override
                        public void onAdd(Backend backend) {
                            added.add(backend.getMetadata().getName());
                        }
                    }));
        }
    }

    @Test
    void anInformerBeanOfTheApplicationRunsWithTheContextAndCallsItsHandler() {
        runner.withUserConfiguration(DataInformer.class).run(context -> {
            ManagedBackendInformer informer = context.getBean("dataBackends", ManagedBackendInformer.class);

            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            assertThat(names(informer.list())).containsExactly("shop/db");
            await().atMost(Duration.ofSeconds(10)).until(() -> context.getBean(DataInformer.class).added.equals(List.of("db")));
        });
    }

    @Test
    void anInformerNameThatIsAlreadyABeanFailsStartup() {
        runner.withBean("shop", String.class, () -> "taken").withPropertyValues("kgateway.informers.shop.namespace=shop")
                .run(context -> assertThat(context).hasFailed().getFailure().hasMessageContaining("shop"));
    }

    @Test
    void aChangeReachesTheCacheAndIsCounted() {
        runner.withPropertyValues("kgateway.informers.shop.namespace=shop").run(context -> {
            ManagedBackendInformer informer = context.getBean("shop", ManagedBackendInformer.class);
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(10))).isTrue();

            context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(backend("cache", "web"));

            await().atMost(Duration.ofSeconds(10)).until(() -> informer.get("shop", "cache").isPresent());
            assertThat(informer.addedCount()).isEqualTo(3);
            assertThat(informer.lastChange()).isPresent();
        });
    }
}

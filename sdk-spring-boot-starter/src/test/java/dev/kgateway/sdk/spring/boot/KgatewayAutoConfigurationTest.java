package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KgatewayAutoConfigurationTest {

    private MockCluster cluster;
    private ApplicationContextRunner runner;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class))
                .withPropertyValues("kgateway.master-url=" + cluster.url(), "kgateway.retry.max-attempts=1");
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private static Backend invalid(String name) {
        Backend b = MockCluster.backend("shop", name, "web");
        return b.withSpec(b.getSpec().toBuilder().staticBackend(st -> st.addHosts(h -> h.host("h").port(70000))).build());
    }

    @Test
    void providesAClientForTheConfiguredServer() {
        runner.run(context -> {
            KgatewayClient kgw = context.getBean(KgatewayClient.class);

            kgw.backends().inNamespace("shop").create(MockCluster.backend("shop", "web", "web"));

            assertThat(cluster.stored("shop", "web")).isNotNull();
        });
    }

    @Test
    void theApplicationsNameIsTheFieldManagerOfEveryWrite() {
        runner.withPropertyValues("spring.application.name=orders-service").run(context -> {
            cluster.writePaths();
            context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(MockCluster.backend("shop", "web", "web"));
            assertThat(cluster.writePaths()).singleElement().asString().contains("fieldManager=orders-service");
        });
    }

    @Test
    void theFieldManagerPropertyWinsOverTheApplicationsName() {
        runner.withPropertyValues("spring.application.name=orders-service", "kgateway.field-manager=orders-backends").run(context -> {
            cluster.writePaths();
            context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(MockCluster.backend("shop", "web", "web"));
            assertThat(cluster.writePaths()).singleElement().asString().contains("fieldManager=orders-backends");
        });
    }

    @Test
    void theNamespacePropertyIsTheDefaultNamespace() {
        runner.withPropertyValues("kgateway.namespace=shop").run(context ->
                assertThat(context.getBean(KgatewayClient.class).backends().inDefaultNamespace().namespace()).isEqualTo("shop"));
    }

    @Test
    void installCrdInstallsTheSdksCrdAtStartup() {
        runner.withPropertyValues("kgateway.install-crd=true").run(context ->
                assertThat(cluster.direct().apiextensions().v1().customResourceDefinitions()
                        .withName("backends.gateway.kgateway.dev").get()).isNotNull());
    }

    @Test
    void writesAreValidatedAgainstTheSdkSchemaByDefault() {
        runner.run(context -> assertThatThrownBy(() -> context.getBean(KgatewayClient.class)
                .backends().inNamespace("shop").create(invalid("bad")))
                .isInstanceOf(InvalidBackendException.class)
                .hasMessageContaining("spec.static.hosts[0].port"));
    }

    @Test
    void validationModeNoneSendsWithoutChecking() {
        runner.withPropertyValues("kgateway.validation.mode=none").run(context -> {
            Backend created = context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(invalid("bad"));

            assertThat(created.getMetadata().getResourceVersion()).isNotNull();
        });
    }

    @Test
    void validationAgainstAReleaseRefusesAMemberThatReleaseWouldPrune() {
        // aws.lambda.accountId exists from kgateway v2.4 on; a v2.3 cluster would drop it silently
        Backend lambda = Backend.builder()
                .metadata(m -> m.name("thumbnailer").namespace("shop"))
                .spec(s -> s.aws(a -> a.region("eu-west-1").lambda(l -> l.functionName("thumbnailer").accountId("123456789012"))))
                .build();
        runner.withPropertyValues("kgateway.validation.mode=kgateway-release", "kgateway.validation.release=v2.3").run(context -> {
            assertThatThrownBy(() -> context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(lambda))
                    .isInstanceOf(InvalidBackendException.class)
                    .hasMessageContaining("spec.aws.lambda.accountId");
            assertThat(cluster.stored("shop", "thumbnailer")).as("nothing sent").isNull();
        });
    }

    @Test
    void anUnknownReleaseFailsStartupNamingTheProperty() {
        runner.withPropertyValues("kgateway.validation.mode=kgateway-release", "kgateway.validation.release=v9.9")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("kgateway.validation.release=v9.9").hasMessageContaining("v2.3"));
    }

    @Test
    void aReleaseModeWithoutAReleaseFailsStartupNamingTheProperty() {
        runner.withPropertyValues("kgateway.validation.mode=kgateway-release")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("kgateway.validation.release"));
    }

    @Test
    void retryPropertiesBuildTheRetryPolicy() {
        runner.withPropertyValues("kgateway.retry.max-attempts=6", "kgateway.retry.max-conflict-attempts=3",
                "kgateway.retry.initial-backoff=10ms", "kgateway.retry.max-backoff=1s").run(context -> {
            KgatewayProperties.Retry retry = context.getBean(KgatewayProperties.class).getRetry();

            assertThat(retry.toPolicy()).isEqualTo(new dev.kgateway.sdk.client.RetryPolicy(6, 3, Duration.ofMillis(10), Duration.ofSeconds(1)));
        });
    }

    @Test
    void invalidRetryPropertiesFailStartup() {
        runner.withPropertyValues("kgateway.retry.max-attempts=0").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void customizersRunAfterTheProperties() {
        runner.withBean(KgatewayClientCustomizer.class, () -> builder -> builder.validateBeforeWrite(false)).run(context -> {
            Backend created = context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(invalid("bad"));

            assertThat(created.getMetadata().getResourceVersion()).isNotNull();
        });
    }

    @Test
    void anApplicationsOwnClientBeanReplacesIt() {
        KgatewayClient own = KgatewayClient.from(cluster.direct());
        runner.withBean("myClient", KgatewayClient.class, () -> own).run(context ->
                assertThat(context.getBean(KgatewayClient.class)).isSameAs(own));
    }

    @Test
    void reusesTheApplicationsKubernetesClientAndLeavesItOpen() {
        KubernetesClient application = cluster.direct();
        ApplicationContextRunner withBean = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class))
                // the application's bean; the context must not close it here, only the KgatewayClient could
                .withBean("appClient", KubernetesClient.class, () -> application, bd -> bd.setDestroyMethodName(""));

        withBean.run(context -> assertThat(context.getBean(KgatewayClient.class).kubernetesClient()).isSameAs(application));

        assertThat(application.namespaces().list()).isNotNull();   // still open after the context closed
    }

    @Test
    void theApplicationsKubernetesClientWithANamespacePropertyIsUsedInThatNamespace() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class))
                .withBean("appClient", KubernetesClient.class, cluster::direct, bd -> bd.setDestroyMethodName(""))
                .withPropertyValues("kgateway.namespace=shop")
                .run(context -> {
                    KgatewayClient kgw = context.getBean(KgatewayClient.class);
                    kgw.backends().inDefaultNamespace().create(MockCluster.backend(null, "web", "web"));

                    assertThat(kgw.backends().inDefaultNamespace().namespace()).isEqualTo("shop");
                    assertThat(cluster.stored("shop", "web")).isNotNull();
                });
    }

    @Test
    void aMasterUrlNextToAnApplicationsKubernetesClientFailsStartup() {
        runner.withBean("appClient", KubernetesClient.class, cluster::direct, bd -> bd.setDestroyMethodName(""))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("kgateway.master-url"));
    }

    @Test
    void theContextClosesTheClientItCreated() {
        KgatewayClient[] kept = new KgatewayClient[1];
        runner.run(context -> kept[0] = context.getBean(KgatewayClient.class));

        assertThatThrownBy(() -> kept[0].backends().inNamespace("shop").list()).hasMessageContaining("closed");
    }
}

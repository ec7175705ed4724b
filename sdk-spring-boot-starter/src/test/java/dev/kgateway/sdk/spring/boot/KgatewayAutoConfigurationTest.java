package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.BackendRejectedException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.embeddedapiserver.BackendFixtures;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KgatewayAutoConfigurationTest {

    private EmbeddedApiServer server;
    private ApplicationContextRunner runner;

    /** The embedded API server with the SDK's Backend CRD and namespace {@code shop}; it validates every write against the CRD. */
    @BeforeEach
    void startServer() {
        server = EmbeddedApiServer.start();
        server.createNamespace("shop");
        server.clearRequests();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KgatewayAutoConfiguration.class))
                .withPropertyValues("kgateway.master-url=" + server.url(), "kgateway.retry.max-attempts=1");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** @return the Backend as the server stores it, or {@code null} */
    private GenericKubernetesResource stored(String namespace, String name) {
        return server.kubernetesClient().genericKubernetesResources(Backend.API_VERSION, Backend.KIND)
                .inNamespace(namespace).withName(name).get();
    }

    /** @return the writes the server received since the last {@code clearRequests()} */
    private List<RecordedCall> writes() {
        return server.requests(call -> !call.method().equals("GET"));
    }

    @Test
    void providesAClientForTheConfiguredServer() {
        runner.run(context -> {
            KgatewayClient kgw = context.getBean(KgatewayClient.class);

            kgw.backends().inNamespace("shop").create(BackendFixtures.staticBackend("web"));

            assertThat(stored("shop", "web")).isNotNull();
        });
    }

    @Test
    void theApplicationsNameIsTheFieldManagerOfEveryWrite() {
        runner.withPropertyValues("spring.application.name=orders-service").run(context -> {
            server.clearRequests();
            context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(BackendFixtures.staticBackend("web"));
            assertThat(writes()).singleElement().extracting(call -> call.queryParameter("fieldManager")).isEqualTo("orders-service");
        });
    }

    @Test
    void theFieldManagerPropertyWinsOverTheApplicationsName() {
        runner.withPropertyValues("spring.application.name=orders-service", "kgateway.field-manager=orders-backends").run(context -> {
            server.clearRequests();
            context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(BackendFixtures.staticBackend("web"));
            assertThat(writes()).singleElement().extracting(call -> call.queryParameter("fieldManager")).isEqualTo("orders-backends");
        });
    }

    @Test
    void theNamespacePropertyIsTheDefaultNamespace() {
        runner.withPropertyValues("kgateway.namespace=shop").run(context ->
                assertThat(context.getBean(KgatewayClient.class).backends().inDefaultNamespace().namespace()).isEqualTo("shop"));
    }

    @Test
    void installCrdInstallsTheSdksCrdAtStartup() {
        try (EmbeddedApiServer withoutCrd = EmbeddedApiServer.builder().crds().start()) {
            assertThat(withoutCrd.kubernetesClient().apiextensions().v1().customResourceDefinitions()
                    .withName("backends.gateway.kgateway.dev").get()).as("not there before the application starts").isNull();

            runner.withPropertyValues("kgateway.master-url=" + withoutCrd.url(), "kgateway.install-crd=true").run(context ->
                    assertThat(withoutCrd.kubernetesClient().apiextensions().v1().customResourceDefinitions()
                            .withName("backends.gateway.kgateway.dev").get()).isNotNull());
        }
    }

    @Test
    void writesAreValidatedAgainstTheSdkSchemaByDefault() {
        runner.run(context -> {
            server.clearRequests();

            assertThatThrownBy(() -> context.getBean(KgatewayClient.class)
                    .backends().inNamespace("shop").create(BackendFixtures.invalidStaticBackend("bad")))
                    .isInstanceOf(InvalidBackendException.class)
                    .hasMessageContaining("spec.static.hosts[0].port");
            assertThat(writes()).as("refused before sending").isEmpty();
        });
    }

    @Test
    void validationModeNoneSendsWithoutCheckingAndTheServerRefuses() {
        runner.withPropertyValues("kgateway.validation.mode=none").run(context -> {
            server.clearRequests();

            assertThatThrownBy(() -> context.getBean(KgatewayClient.class)
                    .backends().inNamespace("shop").create(BackendFixtures.invalidStaticBackend("bad")))
                    .isInstanceOf(BackendRejectedException.class)
                    .hasMessageContaining("spec.static.hosts[0].port");
            assertThat(writes()).as("sent; the server's CRD refused it").singleElement()
                    .extracting(RecordedCall::method).isEqualTo("POST");
            assertThat(stored("shop", "bad")).isNull();
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
            server.clearRequests();
            assertThatThrownBy(() -> context.getBean(KgatewayClient.class).backends().inNamespace("shop").create(lambda))
                    .isInstanceOf(InvalidBackendException.class)
                    .hasMessageContaining("spec.aws.lambda.accountId");
            assertThat(stored("shop", "thumbnailer")).as("nothing stored").isNull();
            assertThat(writes()).as("nothing sent").isEmpty();
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
            server.clearRequests();

            assertThatThrownBy(() -> context.getBean(KgatewayClient.class)
                    .backends().inNamespace("shop").create(BackendFixtures.invalidStaticBackend("bad")))
                    .isInstanceOf(BackendRejectedException.class)
                    .hasMessageContaining("spec.static.hosts[0].port");
            assertThat(writes()).as("the customizer turned the check before sending off").singleElement()
                    .extracting(RecordedCall::method).isEqualTo("POST");
        });
    }

    @Test
    void anApplicationsOwnClientBeanReplacesIt() {
        KgatewayClient own = KgatewayClient.from(server.kubernetesClient());
        runner.withBean("myClient", KgatewayClient.class, () -> own).run(context ->
                assertThat(context.getBean(KgatewayClient.class)).isSameAs(own));
    }

    @Test
    void reusesTheApplicationsKubernetesClientAndLeavesItOpen() {
        KubernetesClient application = server.kubernetesClient();
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
                .withBean("appClient", KubernetesClient.class, server::kubernetesClient, bd -> bd.setDestroyMethodName(""))
                .withPropertyValues("kgateway.namespace=shop")
                .run(context -> {
                    KgatewayClient kgw = context.getBean(KgatewayClient.class);
                    kgw.backends().inDefaultNamespace().create(BackendFixtures.staticBackend("web"));

                    assertThat(kgw.backends().inDefaultNamespace().namespace()).isEqualTo("shop");
                    assertThat(stored("shop", "web")).isNotNull();
                });
    }

    @Test
    void aMasterUrlNextToAnApplicationsKubernetesClientFailsStartup() {
        runner.withBean("appClient", KubernetesClient.class, server::kubernetesClient, bd -> bd.setDestroyMethodName(""))
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

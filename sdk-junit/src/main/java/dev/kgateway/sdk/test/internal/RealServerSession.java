package dev.kgateway.sdk.test.internal;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.test.TestCluster;
import dev.kgateway.sdk.test.TestServerKind;
import dev.kgateway.sdk.validation.KgatewayRelease;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A test class's view of a real kube-apiserver: an SDK client and a fabric8 client of its admin
 * user, the class's CRDs installed and Established, fresh namespaces on demand.
 */
public final class RealServerSession implements TestCluster, AutoCloseable {

    private final KubeApiServer server;
    private final KubernetesClient fabric8;
    private final KgatewayClient kgateway;

    /**
     * @param crds    classpath locations of CRDs to install, the SDK's Backend CRD among them unless {@code release} replaces it
     * @param release the kgateway release whose Backend CRD to install instead of the SDK's ({@link KgatewayRelease#SDK}: the SDK's)
     */
    public RealServerSession(KubeApiServer server, List<String> crds, String sdkCrd, KgatewayRelease release) {
        this.server = server;
        this.fabric8 = new KubernetesClientBuilder().withConfig(server.config()).build();
        this.kgateway = KgatewayClient.builder().config(server.config())
                .retryPolicy(new RetryPolicy(4, 30, Duration.ofMillis(10), Duration.ofMillis(100))).build();
        boolean releaseInstalled = release == KgatewayRelease.SDK;
        for (String crd : crds) {
            if (crd.equals(sdkCrd) && !releaseInstalled) {
                install(fabric8.getKubernetesSerialization().unmarshal(BackendJson.jsonMapper().writeValueAsString(release.crd()),
                        CustomResourceDefinition.class));
                releaseInstalled = true;
            } else {
                install(load(crd));
            }
        }
        if (!releaseInstalled) {
            install(fabric8.getKubernetesSerialization().unmarshal(BackendJson.jsonMapper().writeValueAsString(release.crd()),
                    CustomResourceDefinition.class));
        }
    }

    public KubeApiServer server() {
        return server;
    }

    @Override
    public TestServerKind kind() {
        return TestServerKind.KUBE_APISERVER;
    }

    @Override
    public Config config() {
        return server.config();
    }

    @Override
    public KgatewayClient kgatewayClient() {
        return kgateway;
    }

    @Override
    public KubernetesClient kubernetesClient() {
        return fabric8;
    }

    /** @return the name of a new namespace */
    @Override
    public String createNamespace() {
        String name = "test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        fabric8.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** Deletes the namespace; without a controller manager it stays Terminating, its objects with it. */
    @Override
    public void deleteNamespace(String name) {
        fabric8.namespaces().withName(name).delete();
    }

    private CustomResourceDefinition load(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                : RealServerSession.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no CRD on the classpath at " + resource);
            }
            return fabric8.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void install(CustomResourceDefinition crd) {
        crd.getMetadata().setResourceVersion(null);
        fabric8.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(NonDeletingOperation::update);
        fabric8.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).waitUntilCondition(
                c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                        .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        kgateway.close();
        fabric8.close();
    }
}

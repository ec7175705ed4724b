package dev.kgateway.sdk.consumer;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.examples.readme.ReadmeExample;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/** Runs the README's code unchanged: KgatewayClient.create() finds a kubeconfig that points at an embedded API server. */
public final class RunReadmeExample {

    public static void main(String[] args) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            // the mock runs no apiextensions controller, so nothing would mark the CRD Established: do not wait for it
            KgatewayClient.from(client).installCrd(dev.kgateway.sdk.client.CrdInstallOptions.defaults()
                    .withEstablishedTimeout(java.time.Duration.ZERO));
            Path kubeconfig = Files.createTempFile("readme-consumer", ".kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: embedded
                      cluster:
                        server: %s
                    contexts:
                    - name: embedded
                      context:
                        cluster: embedded
                        namespace: media
                    current-context: embedded
                    """.formatted(client.getMasterUrl()));
            System.setProperty("kubeconfig", kubeconfig.toString());
            ReadmeExample.main(new String[0]);
            if (!client.genericKubernetesResources("gateway.kgateway.dev/v1alpha1", "Backend").inNamespace("media").list().getItems().isEmpty()) {
                throw new IllegalStateException("the README example left Backends behind");
            }
            System.out.println("README example compiled and ran against the embedded API server");
        } finally {
            server.destroy();
        }
    }
}

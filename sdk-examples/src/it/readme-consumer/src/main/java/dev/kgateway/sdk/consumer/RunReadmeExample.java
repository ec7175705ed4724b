package dev.kgateway.sdk.consumer;

import dev.kgateway.sdk.examples.readme.ReadmeExample;
import dev.kgateway.sdk.test.KgatewayTestServer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the README's code unchanged: KgatewayClient.create() finds a kubeconfig that points at the
 * test kit's embedded API server (Backend CRD installed, namespace {@code media} created).
 */
public final class RunReadmeExample {

    public static void main(String[] args) throws Exception {
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            server.createNamespace("media");
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
                    """.formatted(server.url()));
            System.setProperty("kubeconfig", kubeconfig.toString());
            ReadmeExample.main(new String[0]);
            if (!server.kgatewayClient().backends().inNamespace("media").list().isEmpty()) {
                throw new IllegalStateException("the README example left Backends behind");
            }
            System.out.println("README example compiled and ran against the embedded API server");
        }
    }
}

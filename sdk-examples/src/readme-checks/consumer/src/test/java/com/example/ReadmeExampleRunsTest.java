package com.example;

import dev.kgateway.sdk.test.KgatewayTestServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the README's first example unchanged: KgatewayClient.create() finds a kubeconfig that points at
 * the test kit's embedded API server (Backend CRD installed, namespace {@code media} created).
 */
class ReadmeExampleRunsTest {

    @Test
    void theReadmeExampleRunsAndCleansUpAfterItself() throws Exception {
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
            try {
                ReadmeExample.main(new String[0]);
            } finally {
                System.clearProperty("kubeconfig");
            }
            assertTrue(server.kgatewayClient().backends().inNamespace("media").list().isEmpty(), "the README example left Backends behind");
            assertTrue(server.requests(c -> c.method().equals("DELETE")).size() == 1, "the README example deletes its Backend");
        }
    }
}

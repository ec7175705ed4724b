package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.CrdValidation;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.test.KgatewayTestServer;
import dev.kgateway.sdk.validation.KgatewayRelease;

import java.io.PrintStream;
import java.util.List;

/**
 * A Backend the cluster's CRD would silently prune: v2.4's {@code aws.lambda.accountId} on a
 * kgateway v2.3 cluster. The SDK's own schema declares the field, so {@code validate()} passes; a
 * client checking writes against the v2.3 CRD refuses the create before sending it. Against a real
 * cluster, {@code CrdValidation.cluster()} reads the installed CRD instead of naming the release.
 */
public final class CrdValidationExample {

    private CrdValidationExample() {
    }

    /** @return the violations the v2.3 CRD reports; empty if the create was (wrongly) sent */
    public static List<Violation> run(KgatewayClient kgw, String namespace, PrintStream out) {
        Backend lambda = Backend.builder()
                .metadata(m -> m.name("lambda-v24-account").namespace(namespace))
                .spec(s -> s.type(dev.kgateway.sdk.model.BackendType.AWS)
                        .aws(a -> a.accountId("123456789012").lambda(l -> l.functionName("hello").accountId("123456789012"))))
                .build();
        out.println("  valid on the SDK's schema: " + lambda.validate().isEmpty());
        // the same connection, checking writes against kgateway v2.3's Backend CRD
        try (KgatewayClient onV23 = KgatewayClient.builder().kubernetesClient(kgw.kubernetesClient())
                .crdValidation(CrdValidation.release(KgatewayRelease.V2_3)).build()) {
            onV23.backends().inNamespace(namespace).create(lambda);
            out.println("  created: the v2.3 CRD would have dropped aws.lambda.accountId");
            return List.of();
        } catch (InvalidBackendException e) {
            e.getViolations().forEach(v -> out.println("  refused on kgateway v2.3, nothing sent: " + v.path() + ": " + v.message()));
            return e.getViolations();
        }
    }

    public static void main(String[] args) {
        // an embedded API server that behaves like kube-apiserver (kgateway-sdk-test), Backend CRD installed
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            run(server.kgatewayClient(), server.createNamespace("demo"), System.out);
        }
    }
}

package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.test.KgatewayTestServer;

import java.io.PrintStream;
import java.util.List;

/** A broken Backend: {@code validate()} lists every violation, and the client refuses to send it. */
public final class ValidationErrorsExample {

    private ValidationErrorsExample() {
    }

    /** @return the violations of the broken Backend */
    public static List<Violation> run(KgatewayClient kgw, String namespace, PrintStream out) {
        Backend broken = Backend.builder()
                .metadata(m -> m.name("Not_A_Valid_Name"))
                .spec(s -> s.type(BackendType.STATIC)
                        .staticBackend(st -> st.addHosts(h -> h.host("").port(70000)))
                        .ai(ai -> ai.llm(l -> l.openai(o -> o.model("gpt-4o")))))
                .build();
        List<Violation> violations = broken.validate();
        violations.forEach(v -> out.println("  " + v));
        try {
            kgw.backends().inNamespace(namespace).create(broken);
        } catch (InvalidBackendException e) {
            out.println("  create refused before sending: " + e.getViolations().size() + " violations");
        }
        return violations;
    }

    public static void main(String[] args) {
        // an embedded API server that behaves like kube-apiserver (kgateway-sdk-test), Backend CRD installed
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            String namespace = server.createNamespace("demo");
            run(server.kgatewayClient(), namespace, System.out);
        }
    }
}

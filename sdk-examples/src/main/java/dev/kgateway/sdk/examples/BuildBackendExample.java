package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendType;

import java.io.PrintStream;

/** Build a Backend, copy it with {@code editX} and {@code toBuilder}, and print it as YAML. No server needed. */
public final class BuildBackendExample {

    private BuildBackendExample() {
    }

    /** @return the Static Backend derived from an AI one */
    public static Backend run(PrintStream out) {
        Backend openai = SampleBackends.openAi("openai", "ai");
        Backend moved = openai.editMetadata(m -> m.namespace("prod"));
        Backend asStatic = openai.toBuilder()
                .spec(s -> s.type(BackendType.STATIC)
                        .staticBackend(st -> st.addHosts(h -> h.host("10.0.0.7").port(8080))))
                .build();
        out.println("original namespace " + openai.getMetadata().getNamespace() + ", moved copy " + moved.getMetadata().getNamespace());
        out.println("as YAML:\n" + BackendJson.toYaml(asStatic));
        out.println("valid: " + asStatic.validate().isEmpty());
        return asStatic;
    }

    public static void main(String[] args) {
        run(System.out);
    }
}

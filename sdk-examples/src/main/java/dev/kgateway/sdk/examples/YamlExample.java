package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Load Backends from a multi-document YAML file (as {@code kubectl apply -f} takes) and apply them. */
public final class YamlExample {

    /** The multi-document YAML file shipped with the examples. */
    public static final String MANIFEST = "backends.yaml";

    private YamlExample() {
    }

    /** @return the applied Backends, as the server holds them */
    public static List<Backend> run(KgatewayClient kgw, String namespace, PrintStream out) {
        List<Backend> loaded;
        try (InputStream in = YamlExample.class.getClassLoader().getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException(MANIFEST + " is not on the classpath");
            }
            loaded = BackendJson.readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("  loaded " + loaded.size() + " Backends from " + MANIFEST);
        NamespacedBackendClient backends = kgw.backends().inNamespace(namespace);
        List<Backend> applied = loaded.stream()
                .map(b -> b.editMetadata(m -> m.namespace(namespace)))
                .map(backends::apply)
                .toList();
        applied.forEach(b -> out.println("  applied " + b.getMetadata().getName() + " (" + RealKgatewayExample.kind(b) + ")"));
        out.println("  written back as YAML:\n" + BackendJson.toYaml(applied.get(0)));
        return applied;
    }

    public static void main(String[] args) {
        EmbeddedApiServer.runWith(kgw -> run(kgw, "demo", System.out));
    }
}

package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.test.KgatewayTestServer;

import java.io.PrintStream;
import java.util.List;

/** Create, read, list by label, update, patch and delete Backends. */
public final class CrudExample {

    private CrudExample() {
    }

    /** @return the names the label query found, before everything is deleted again */
    public static List<String> run(KgatewayClient kgw, String namespace, PrintStream out) {
        NamespacedBackendClient backends = kgw.backends().inNamespace(namespace);

        Backend created = backends.create(SampleBackends.openAi("openai", namespace));
        backends.create(SampleBackends.staticBackend("web", namespace));
        out.println("created openai at resourceVersion " + created.getMetadata().getResourceVersion());

        Backend found = backends.require("openai");
        out.println("read back: " + found.getSpec().getType() + " via " + found.getSpec().getAi().getLlm().getOpenai().getModel());

        List<String> search = backends.list(ListOptions.withLabel("team", "search")).stream()
                .map(b -> b.getMetadata().getName()).toList();
        out.println("team=search: " + search);

        Backend updated = backends.update(found.editMetadata(m -> m.putLabels("tier", "gold")));
        out.println("updated labels: " + updated.getMetadata().getLabels());

        Backend patched = backends.patch("web", "{\"metadata\":{\"annotations\":{\"owner\":\"web-team\"}}}");
        out.println("patched annotations: " + patched.getMetadata().getAnnotations());

        out.println("deleted openai: " + backends.delete("openai") + ", deleted web: " + backends.delete("web")
                + ", deleted again: " + backends.delete("web"));
        return search;
    }

    public static void main(String[] args) {
        // an embedded API server that behaves like kube-apiserver (kgateway-sdk-test), Backend CRD installed
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            String namespace = server.createNamespace("demo");
            run(server.kgatewayClient(), namespace, System.out);
        }
    }
}

package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.test.KgatewayTestServer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** An informer-backed cache: reads served locally, kept in sync by the SDK. */
public final class InformerCacheExample {

    private InformerCacheExample() {
    }

    /** @return the names in the cache once it has caught up with three creates in two namespaces */
    public static List<String> run(KgatewayClient kgw, String namespace, PrintStream out) {
        String other = namespace + "-other";
        try (BackendInformer cache = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() {
            @Override
            public void onAdd(Backend backend) {
                out.println("cache added " + backend.getMetadata().getNamespace() + "/" + backend.getMetadata().getName());
            }
        })) {
            cache.waitUntilSynced(Duration.ofSeconds(10));
            kgw.backends().inNamespace(namespace).create(SampleBackends.staticBackend("web", namespace));
            kgw.backends().inNamespace(namespace).create(SampleBackends.awsBackend("payments", namespace));
            kgw.backends().inNamespace(other).create(SampleBackends.openAi("openai", other));
            Quickstart.await(() -> cache.list().size() >= 3, Duration.ofSeconds(10));
            out.println("cached in " + namespace + ": " + cache.list(namespace).size() + ", in all namespaces: " + cache.list().size());
            out.println("lookup without a request: " + cache.get(other, "openai").map(b -> b.getSpec().getType()).orElse(null));
            List<String> names = cache.list().stream().map(b -> b.getMetadata().getName()).sorted().toList();
            kgw.backends().inNamespace(namespace).delete("web");
            kgw.backends().inNamespace(namespace).delete("payments");
            kgw.backends().inNamespace(other).delete("openai");
            return names;
        }
    }

    public static void main(String[] args) {
        // an embedded API server that behaves like kube-apiserver (kgateway-sdk-test), Backend CRD installed
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            String namespace = server.createNamespace("demo");
            server.createNamespace("demo-other");
            run(server.kgatewayClient(), namespace, System.out);
        }
    }
}

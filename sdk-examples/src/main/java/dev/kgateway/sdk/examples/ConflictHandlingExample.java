package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;

import java.io.PrintStream;

/** Optimistic concurrency: a stale update fails with {@link BackendConflictException}; {@code edit} retries for you. */
public final class ConflictHandlingExample {

    private ConflictHandlingExample() {
    }

    /** @return the final value of the {@code replicas-hint} label */
    public static String run(KgatewayClient kgw, String namespace, PrintStream out) {
        NamespacedBackendClient backends = kgw.backends().inNamespace(namespace);
        Backend original = backends.create(SampleBackends.staticBackend("web", namespace));

        backends.edit("web", b -> withLabel(b, "replicas-hint", "2"));
        try {
            backends.update(withLabel(original, "replicas-hint", "3"));
        } catch (BackendConflictException e) {
            out.println("stale update refused: " + e.getMessage());
        }

        Backend latest = backends.edit("web", b -> withLabel(b, "replicas-hint", "3"));
        out.println("edit re-read and applied the change: replicas-hint=" + latest.getMetadata().getLabels().get("replicas-hint"));
        backends.delete("web");
        return latest.getMetadata().getLabels().get("replicas-hint");
    }

    private static Backend withLabel(Backend b, String key, String value) {
        return b.editMetadata(m -> m.putLabels(key, value));
    }

    public static void main(String[] args) {
        EmbeddedApiServer.runWith(kgw -> run(kgw, "demo", System.out));
    }
}

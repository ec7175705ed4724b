package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Watch Backends: typed ADDED / MODIFIED / DELETED events, in order. */
public final class WatchExample {

    private WatchExample() {
    }

    /** @return the event types seen for one create, edit and delete */
    public static List<BackendEvent.Type> run(KgatewayClient kgw, String namespace, PrintStream out) {
        NamespacedBackendClient backends = kgw.backends().inNamespace(namespace);
        BlockingQueue<BackendEvent> events = new LinkedBlockingQueue<>();
        List<BackendEvent.Type> seen = new ArrayList<>();
        try (BackendWatch watch = backends.watch(events::add)) {
            backends.create(SampleBackends.gemini("gemini", namespace));
            backends.edit("gemini", b -> b.editMetadata(m -> m.putLabels("stage", "beta")));
            backends.delete("gemini");
            for (int i = 0; i < 3; i++) {
                BackendEvent event = events.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new IllegalStateException("no event within 10 seconds");
                }
                out.println("watch saw " + event.type() + " " + event.backend().getMetadata().getName()
                        + " labels=" + event.backend().getMetadata().getLabels());
                seen.add(event.type());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return seen;
    }

    public static void main(String[] args) {
        EmbeddedApiServer.runWith(kgw -> run(kgw, "demo", System.out));
    }
}

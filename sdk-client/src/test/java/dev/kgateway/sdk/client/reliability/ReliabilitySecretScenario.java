package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Run in a child JVM by {@link ReliabilitySecretsTest}, with every logger at DEBUG: exercises the
 * SDK with a Backend that carries a secret (an inline API key, {@code authToken.inline}, and the
 * last-applied-configuration annotation holding the whole manifest), on the embedded API server
 * (namespaces {@code ai} and {@code other}), through reads, writes, retries (503s of the server's
 * faults), server errors (a scripted 422 whose message does not echo the secret, 409, 404), read
 * errors of bad documents containing it, a watch and an informer.
 * Prints, as {@code TOSTRING} and {@code EXCEPTION} lines, the {@code toString()} of every Backend
 * and event it saw and of every exception it caught, with their causes; logs go to standard error.
 */
public final class ReliabilitySecretScenario {

    static final String SECRET = "sk-live-SENTINEL-7f3a9c51";
    static final String CANARY_LOGGER = "io.fabric8.kubernetes.client.server.mock.ReliabilityCanary";

    private static final List<String> lines = new CopyOnWriteArrayList<>();

    private ReliabilitySecretScenario() {
    }

    static String manifest(String name) {
        return "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ai\"},"
                + "\"spec\":{\"type\":\"AI\",\"ai\":{\"llm\":{\"openai\":{\"authToken\":{"
                + "\"kind\":\"Inline\",\"inline\":\"" + SECRET + "\",\"secretRef\":{\"name\":\"openai-key\"}}}}}}}";
    }

    static Backend backend(String name) {
        String manifest = manifest(name);
        String lastApplied = manifest.replace("\"", "\\\"");
        return BackendJson.fromJson(manifest.replace("\"namespace\":\"ai\"}",
                "\"namespace\":\"ai\",\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"" + lastApplied + "\"}}"));
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(Level.FINE);
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null && message != null) {
                    try {
                        message = java.text.MessageFormat.format(message, record.getParameters());
                    } catch (IllegalArgumentException ignored) {
                        // keep the pattern
                    }
                }
                System.err.println("JUL " + record.getLevel() + " " + record.getLoggerName() + " - " + message);
                if (record.getThrown() != null) {
                    record.getThrown().printStackTrace(System.err);
                }
            }

            @Override
            public void flush() {
                System.err.flush();
            }

            @Override
            public void close() {
            }
        });

        int steps = 0;
        try (ReliabilityCluster cluster = new ReliabilityCluster("ai", "other");
             KgatewayClient kgw = KgatewayClient.builder().config(cluster.directConfig())
                     .retryPolicy(new RetryPolicy(4, 5, Duration.ofMillis(10), Duration.ofMillis(50))).build()) {
            show(kgw);
            NamespacedBackendClient ai = kgw.backends().inNamespace("ai");
            List<Backend> informed = new CopyOnWriteArrayList<>();
            BackendInformer informer = ai.inform(new BackendEventHandler() {
                @Override
                public void onAdd(Backend backend) {
                    informed.add(backend);
                    LoggerFactory.getLogger("dev.kgateway.reliability.app").info("informer added {}", backend);
                }

                @Override
                public void onUpdate(Backend oldBackend, Backend newBackend) {
                    informed.add(newBackend);
                }
            });
            informer.waitUntilSynced(Duration.ofSeconds(30));
            List<BackendEvent> events = new CopyOnWriteArrayList<>();
            BackendWatch watch = ai.watch(event -> {
                events.add(event);
                LoggerFactory.getLogger("dev.kgateway.reliability.app").info("watch event {}", event);
            });

            // writes and reads
            Backend created = ai.create(backend("openai"));
            show(created);
            check("the server stored the secret", BackendJson.toJson(ai.require("openai")).contains(SECRET));
            show(ai.list());
            show(ai.edit("openai", b -> b.withMetadata(b.getMetadata().toBuilder().putLabels("tier", "gold").build())));
            show(ai.patch("openai", "{\"metadata\":{\"labels\":{\"team\":\"search\"}}}"));
            // retried reads: the SDK logs each retry at DEBUG
            cluster.server.faults().failNext(2, 503, call -> "GET".equals(call.method()) && call.path().endsWith("/backends/openai"));
            show(ai.require("openai"));
            steps++;

            // server errors
            cluster.answerNext(1, call -> "POST".equals(call.method()), 422, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":\"Backend.gateway.kgateway.dev \\\"leaky\\\" is invalid: spec.ai.provider.openai.authToken: Invalid value: \\\"object\\\": "
                    + "inline tokens are not allowed\",\"reason\":\"Invalid\",\"details\":{\"name\":\"leaky\",\"group\":\"gateway.kgateway.dev\","
                    + "\"kind\":\"Backend\",\"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: \\\"object\\\": inline tokens are not allowed\","
                    + "\"field\":\"spec.ai.provider.openai.authToken\"}]},\"code\":422}");
            caught(() -> ai.create(backend("leaky")));
            Backend stale = created;
            caught(() -> ai.update(stale)); // 409: resourceVersion is stale
            caught(() -> ai.require("missing"));
            caught(() -> ai.update(backend("missing"))); // 404
            caught(() -> ai.create(backend("Not_Valid"))); // checked before sending: the name breaks the pattern
            caught(() -> ai.create(backend("openai"))); // 409 AlreadyExists
            caught(() -> kgw.backends().inNamespace("other").create(backend("openai"))); // namespace mismatch
            steps++;

            // read errors of documents holding the secret
            caught(() -> BackendJson.fromJson(manifest("x").replace("\"" + SECRET + "\"", SECRET)));
            caught(() -> BackendJson.fromJson(manifest("x").replace("\"name\":\"openai-key\"", "\"name\":[\"" + SECRET + "\"]")));
            caught(() -> BackendJson.readAllFromString("metadata:\n  name: x\nspec:\n  type: [" + SECRET + "\n"));
            caught(() -> BackendJson.readAllFromString("metadata: {name: x}\nspec: {ai: {provider: {openai: {authToken: {inline: &s " + SECRET + ", again: *s}}}}}\n"));
            caught(() -> BackendJson.fromJson(manifest("x").substring(0, manifest("x").indexOf(SECRET) + 5)));
            caught(() -> BackendJson.fromJson("{\"metadata\":{\"name\":\"x\",\"name\":\"" + SECRET + "\"}}"));
            caught(() -> BackendJson.fromYaml("kind: " + SECRET + "\nmetadata: {name: x}\n"));
            steps++;

            // the watch and informer see the changes; then a delete
            check("delete", ai.delete("openai"));
            await(() -> events.stream().anyMatch(e -> e.type() == BackendEvent.Type.DELETED));
            await(() -> informer.list().isEmpty());
            events.forEach(ReliabilitySecretScenario::show);
            informed.forEach(ReliabilitySecretScenario::show);
            show(watch);
            show(informer);
            check("watch events", events.size() >= 3);
            check("informer updates", informed.size() >= 3);
            steps++;

            // the canary: the mock server's own loggers echo requests on purpose and are excluded;
            // this line proves the capture sees the secret where it is logged
            LoggerFactory.getLogger(CANARY_LOGGER).warn("canary {}", SECRET);
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.ReliabilityCanary").warning("canary " + SECRET);
            watch.close();
            informer.close();
        }
        lines.forEach(System.out::println);
        System.out.println("SCENARIO-COMPLETE steps=" + steps);
        System.out.flush();
        System.exit(0);
    }

    private static void show(Object value) {
        if (value instanceof List<?> list) {
            list.forEach(ReliabilitySecretScenario::show);
            return;
        }
        lines.add("TOSTRING " + value);
    }

    private static void caught(Supplier<?> call) {
        try {
            call.get();
            lines.add("CHECK-FAILED expected an exception");
        } catch (RuntimeException e) {
            List<String> chain = new ArrayList<>();
            for (Throwable t = e; t != null; t = t.getCause()) {
                chain.add(t.toString().replace('\n', ' '));
                for (Throwable s : t.getSuppressed()) {
                    chain.add("suppressed " + s.toString().replace('\n', ' '));
                }
            }
            lines.add("EXCEPTION " + String.join(" | caused by ", chain));
        }
    }

    private static void check(String what, boolean ok) {
        lines.add((ok ? "CHECK-OK " : "CHECK-FAILED ") + what);
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}

package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import org.openjdk.jol.info.GraphLayout;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Retained heap of an informer's cache per Backend, measured with JOL: SDK informers (default,
 * {@code stripManagedFields}, {@code stripManagedFields} + {@code stripLastAppliedAnnotation}) and
 * fabric8's generic informer ({@code genericKubernetesResources(..).inform()}), each over the same
 * mock server answering the list with the same {@code BackendList} document ({@link Workloads}: with
 * {@code managedFields} and kubectl's last-applied annotation) and a watch that stays open and quiet.
 *
 * <p>What is walked is the informer's indexer (fabric8's {@code Cache}: the items by key, the
 * namespace index, and what the cached objects hold, for the SDK the {@code BackendResource} wrapper,
 * its Backend and the fabric8 {@code ObjectMeta} fabric8 asked it for). An empty informer's indexer
 * over an empty list is subtracted, and the shared constants of {@link MemoryFootprint}; the rest is
 * divided by the item count. Each informer is measured and closed before the next starts.
 */
public final class InformerFootprint {

    /** The variants, in the order measured. */
    public static final String SDK = "sdk informer";
    public static final String SDK_STRIP_MANAGED = "sdk informer, stripManagedFields";
    public static final String SDK_STRIP_BOTH = "sdk informer, stripManagedFields + stripLastAppliedAnnotation";
    public static final String FABRIC8 = "fabric8 generic informer";

    /** Bytes per cached Backend, by variant. */
    public record Result(int items, Map<String, Double> bytesPerItem) {
    }

    /** The mock server logs every request at INFO through java.util.logging; kept quiet (and referenced, so the setting sticks). */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private InformerFootprint() {
    }

    /** Arguments: item count (default 10000), and optionally a file to write the result to as JSON. */
    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Result result = measure(items);
        result.bytesPerItem().forEach((variant, bytes) -> System.out.printf("%10.1f bytes/cached Backend (%s)%n", bytes, variant));
        if (args.length > 1) {
            java.nio.file.Files.write(java.nio.file.Path.of(args[1]), Codecs.PLAIN.writeValueAsBytes(result));
        }
        System.exit(0); // the mock server's and clients' threads are closed, but do not wait for stragglers
    }

    /** Runs {@link #main} in a child JVM (JOL attaches its agent there, as for {@link MemoryFootprint}) and reads its result. */
    static Result inChildJvm(int items, java.nio.file.Path resultFile) throws java.io.IOException, InterruptedException {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> command = java.util.List.of(javaBin, "-Djdk.attach.allowAttachSelf=true", "-Xmx3g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                InformerFootprint.class.getName(), Integer.toString(items), resultFile.toString());
        System.out.println("# Memory: JOL retained size of informer caches over " + items + " served Backends");
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the informer memory measurement failed (exit " + process.exitValue() + ")");
        }
        return Codecs.PLAIN.readValue(resultFile.toFile(), Result.class);
    }

    /** @return the summary's section: bytes per cached Backend and the ratio to fabric8's generic informer */
    static String markdown(Result result) {
        StringBuilder md = new StringBuilder("\nInformer cache (JOL, bytes per cached Backend, " + result.items()
                + " served Backends with managedFields and the last-applied annotation, same run):\n\n"
                + "| Informer | Bytes per Backend | vs fabric8 generic informer |\n|---|---|---|\n");
        double fabric8 = result.bytesPerItem().get(FABRIC8);
        result.bytesPerItem().forEach((variant, bytes) -> md.append("| ").append(variant).append(" | ")
                .append(String.format(java.util.Locale.ROOT, "%.0f", bytes)).append(" | ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", bytes / fabric8)).append(" |\n"));
        return md.toString();
    }

    public static Result measure(int items) throws Exception {
        byte[] full = Workloads.backendList(items);
        byte[] empty = Workloads.write(Workloads.listDocument(java.util.List.of()));
        Map<String, Double> perItem = new LinkedHashMap<>();
        perItem.put(SDK, sdk(full, empty, items, ListOptions.all()));
        perItem.put(SDK_STRIP_MANAGED, sdk(full, empty, items, ListOptions.builder().stripManagedFields(true).build()));
        perItem.put(SDK_STRIP_BOTH, sdk(full, empty, items,
                ListOptions.builder().stripManagedFields(true).stripLastAppliedAnnotation(true).build()));
        perItem.put(FABRIC8, fabric8(full, empty, items));
        return new Result(items, perItem);
    }

    private static double sdk(byte[] full, byte[] empty, int items, ListOptions options) throws Exception {
        long base = sdkCache(empty, 0, options);
        return (sdkCache(full, items, options) - base) / (double) items;
    }

    private static double fabric8(byte[] full, byte[] empty, int items) throws Exception {
        long base = fabric8Cache(empty, 0);
        return (fabric8Cache(full, items) - base) / (double) items;
    }

    /** @return the retained size of an SDK informer's indexer holding the items of {@code list}, minus the shared constants */
    private static long sdkCache(byte[] list, int items, ListOptions options) throws Exception {
        try (Server server = new Server(list); KgatewayClient kgw = KgatewayClient.from(server.client)) {
            BackendInformer informer = kgw.backends().inAnyNamespace().inform(options, new BackendEventHandler() { }, Duration.ZERO);
            try {
                if (!informer.waitUntilSynced(Duration.ofMinutes(2)) || informer.list().size() != items) {
                    throw new IllegalStateException("the SDK informer did not sync " + items + " Backends");
                }
                return retained(fabric8Informer(informer).getIndexer());
            } finally {
                informer.close();
            }
        }
    }

    private static long fabric8Cache(byte[] list, int items) throws Exception {
        try (Server server = new Server(list)) {
            ResourceDefinitionContext backends = new ResourceDefinitionContext.Builder().withGroup("gateway.kgateway.dev")
                    .withVersion("v1alpha1").withKind("Backend").withPlural("backends").withNamespaced(true).build();
            SharedIndexInformer<GenericKubernetesResource> informer = server.client
                    .genericKubernetesResources(backends).inAnyNamespace().inform();
            try {
                informer.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
                if (informer.getStore().list().size() != items) {
                    throw new IllegalStateException("the fabric8 informer did not sync " + items + " Backends");
                }
                return retained(informer.getIndexer());
            } finally {
                informer.close();
            }
        }
    }

    /** The fabric8 informer inside the SDK's (its field, read reflectively: the benchmark measures, the API hides). */
    static SharedIndexInformer<?> fabric8Informer(BackendInformer informer) throws ReflectiveOperationException {
        java.lang.reflect.Field field = informer.getClass().getDeclaredField("informer");
        field.setAccessible(true);
        return (SharedIndexInformer<?>) field.get(informer);
    }

    static long retained(Object cache) {
        Object[] shared = MemoryFootprint.sharedRoots();
        Object[] roots = new Object[shared.length + 1];
        roots[0] = cache;
        System.arraycopy(shared, 0, roots, 1, shared.length);
        return GraphLayout.parseInstance(roots).totalSize() - GraphLayout.parseInstance(shared).totalSize();
    }

    /** A mock API server: every list gets {@code list}, every watch an open, quiet WebSocket. */
    private static final class Server implements AutoCloseable {
        final KubernetesMockServer server;
        final KubernetesClient client;

        Server(byte[] list) {
            String body = new String(list, java.nio.charset.StandardCharsets.UTF_8);
            Dispatcher dispatcher = new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getPath().contains("watch=true")) {
                        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                            @Override
                            public void onOpen(WebSocket webSocket, Response response) {
                                // quiet: no events
                            }
                        });
                    }
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
                }
            };
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
            server.init();
            client = server.createClient();
        }

        @Override
        public void close() {
            client.close();
            server.destroy();
        }
    }
}

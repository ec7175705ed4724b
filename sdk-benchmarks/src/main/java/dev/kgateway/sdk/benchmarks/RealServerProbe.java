package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The Java side of {@link RealServerComparison}, one child JVM per variant and repetition (so each
 * starts cold, and its process CPU time is its own), speaking the same line protocol on stdout as
 * {@code tools/client-go-bench}:
 *
 * <pre>
 * informer VARIANT KUBECONFIG EXPECT EVENTS WARM   # READY sync_cold_ms=.. sync_ms=.. heap_bytes=.. jol_bytes=..;
 *                                                  # DONE events=.. cpu_ns=.. wall_ns=.. steady_cpu_ns=.. steady_wall_ns=..
 * write CLIENT KUBECONFIG DOCS NS,NS,.. COUNT WARMUP   # PHASE op=create rep=1 n=1000 wall_ns=.. cpu_ns=..
 * </pre>
 *
 * Informer: a first informer syncs and is closed (time to first sync in a cold JVM), then the measured
 * one: heap in use after GC before and after its sync (as client-go-bench reads {@code MemStats}), the
 * JOL retained size of its indexer, then process CPU time from READY until {@code EVENTS} update
 * events have reached its handler (the runner sends them at a steady rate), and again over {@code EVENTS}
 * more once {@code WARM} events have been handled (the steady state, the JIT's work on the watch path done).
 */
public final class RealServerProbe {

    static final String SDK = "sdk";
    static final String SDK_STRIP_MANAGED = "sdk-strip-managed";
    static final String SDK_STRIP_BOTH = "sdk-strip-both";
    static final String FABRIC8 = "fabric8-generic";
    static final String SDK_NO_VALIDATION = "sdk-no-validation";

    static final ResourceDefinitionContext BACKENDS = new ResourceDefinitionContext.Builder().withGroup("gateway.kgateway.dev")
            .withVersion("v1alpha1").withKind("Backend").withPlural("backends").withNamespaced(true).build();

    private RealServerProbe() {
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(Path.of(args[2])));
        config.setRequestRetryBackoffLimit(0);
        switch (args[0]) {
            case "informer" -> informer(args[1], config, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 0);
            case "write" -> write(args[1], config, Path.of(args[3]), List.of(args[4].split(",")),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
        System.exit(0);
    }

    /** A started informer: its cache for JOL, its size, and how to stop it. */
    private interface Running extends AutoCloseable {
        Object indexer() throws ReflectiveOperationException;

        int size();

        @Override
        void close();
    }

    private static Running start(String variant, KubernetesClient fabric8, KgatewayClient kgw, AtomicLong updates) throws Exception {
        if (variant.equals(FABRIC8)) {
            SharedIndexInformer<GenericKubernetesResource> informer = fabric8.genericKubernetesResources(BACKENDS).inAnyNamespace()
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(GenericKubernetesResource obj) {
                        }

                        @Override
                        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                            updates.incrementAndGet();
                        }

                        @Override
                        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                        }
                    }, 0);
            informer.start().toCompletableFuture().get(5, TimeUnit.MINUTES);
            return new Running() {
                public Object indexer() {
                    return informer.getIndexer();
                }

                public int size() {
                    return informer.getStore().list().size();
                }

                public void close() {
                    informer.close();
                }
            };
        }
        ListOptions options = switch (variant) {
            case SDK -> ListOptions.all();
            case SDK_STRIP_MANAGED -> ListOptions.builder().stripManagedFields(true).build();
            case SDK_STRIP_BOTH -> ListOptions.builder().stripManagedFields(true).stripLastAppliedAnnotation(true).build();
            default -> throw new IllegalArgumentException(variant);
        };
        BackendInformer informer = kgw.backends().inAnyNamespace().inform(options, new BackendEventHandler() {
            @Override
            public void onUpdate(Backend oldBackend, Backend newBackend) {
                updates.incrementAndGet();
            }
        }, Duration.ZERO);
        if (!informer.waitUntilSynced(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the SDK informer did not sync: " + informer.lastError());
        }
        return new Running() {
            public Object indexer() throws ReflectiveOperationException {
                return InformerFootprint.fabric8Informer(informer).getIndexer();
            }

            public int size() {
                return informer.list().size();
            }

            public void close() {
                informer.close();
            }
        };
    }

    private static void informer(String variant, Config config, int expect, int events, int warm) throws Exception {
        try (KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(config).build();
             KgatewayClient kgw = KgatewayClient.from(new KubernetesClientBuilder().withConfig(config).build())) {
            long t0 = System.nanoTime();
            try (Running cold = start(variant, fabric8, kgw, new AtomicLong())) {
                check(cold.size(), expect);
            }
            double coldMs = (System.nanoTime() - t0) / 1e6;
            Thread.sleep(200);

            AtomicLong updates = new AtomicLong();
            long before = usedAfterGc();
            long t1 = System.nanoTime();
            try (Running informer = start(variant, fabric8, kgw, updates)) {
                double syncMs = (System.nanoTime() - t1) / 1e6;
                check(informer.size(), expect);
                long after = usedAfterGc();
                long jol = InformerFootprint.retained(informer.indexer());
                usedAfterGc();
                System.out.printf(Locale.ROOT, "READY sync_cold_ms=%.1f sync_ms=%.1f heap_bytes=%d jol_bytes=%d items=%d%n",
                        coldMs, syncMs, after - before, jol, expect);
                System.out.flush();

                // two windows of the same length: the first events after the sync, then the steady state after a warm-up
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                long cpu0 = processCpu();
                long w0 = System.nanoTime();
                await(updates, events, deadline);
                long cpu1 = processCpu();
                long w1 = System.nanoTime();
                int steadyFrom = Math.max(warm, events);
                await(updates, steadyFrom, deadline);
                long cpu2 = processCpu();
                long w2 = System.nanoTime();
                if (warm > 0) {
                    await(updates, steadyFrom + events, deadline);
                }
                System.out.printf(Locale.ROOT, "DONE events=%d cpu_ns=%d wall_ns=%d steady_cpu_ns=%d steady_wall_ns=%d%n", events,
                        cpu1 - cpu0, w1 - w0, processCpu() - cpu2, System.nanoTime() - w2);
            }
        }
    }

    private static void await(AtomicLong updates, int count, long deadline) throws InterruptedException {
        while (updates.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("saw " + updates.get() + " of " + count + " update events");
            }
            Thread.sleep(1);
        }
    }

    private static void check(int size, int expect) {
        if (size != expect) {
            throw new IllegalStateException("the informer holds " + size + " Backends, expected " + expect);
        }
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @SuppressWarnings("unchecked")
    private static void write(String client, Config config, Path docsFile, List<String> namespaces, int count, int warmup) throws Exception {
        List<Map<String, Object>> docs = Codecs.PLAIN.readValue(docsFile.toFile(), List.class);
        try (KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(config).build();
             KgatewayClient kgw = KgatewayClient.builder().kubernetesClient(new KubernetesClientBuilder().withConfig(config).build())
                     .fieldManager("bench").validateBeforeWrite(!client.equals(SDK_NO_VALIDATION)).build()) {
            for (int rep = 0; rep < namespaces.size(); rep++) {
                String ns = namespaces.get(rep);
                int n = rep == 0 ? warmup : count;
                int shownRep = rep;
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Map<String, Object> item = Codecs.PLAIN.convertValue(docs.get(i % docs.size()), Map.class);
                    ((Map<String, Object>) item.get("metadata")).put("namespace", ns);
                    items.add(item);
                }
                Phase phase = (op, action) -> {
                    long cpu0 = processCpu();
                    long w0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        action.accept(i);
                    }
                    if (shownRep > 0) {
                        System.out.printf(Locale.ROOT, "PHASE op=%s rep=%d n=%d wall_ns=%d cpu_ns=%d%n", op, shownRep, n,
                                System.nanoTime() - w0, processCpu() - cpu0);
                    }
                };
                if (client.equals(FABRIC8)) {
                    var generic = fabric8.genericKubernetesResources(BACKENDS).inNamespace(ns);
                    List<GenericKubernetesResource> resources = new ArrayList<>();
                    items.forEach(item -> resources.add(Codecs.FABRIC8_SERIALIZATION.convertValue(item, GenericKubernetesResource.class)));
                    phase.run("create", i -> generic.resource(resources.get(i)).create());
                    phase.run("apply", i -> {
                        GenericKubernetesResource r = Codecs.FABRIC8_SERIALIZATION.convertValue(items.get(i), GenericKubernetesResource.class);
                        r.getMetadata().getLabels().put("bench/applied", "true");
                        generic.resource(r).fieldManager("bench").serverSideApply();
                    });
                    phase.run("edit", i -> generic.withName(resources.get(i).getMetadata().getName()).edit(r -> {
                        r.getMetadata().getLabels().put("bench/edited", "true");
                        return r;
                    }));
                } else {
                    NamespacedBackendClient backends = kgw.backends().inNamespace(ns);
                    List<Backend> models = new ArrayList<>();
                    items.forEach(item -> models.add(BackendJson.fromJson(Codecs.PLAIN.writeValueAsBytes(item))));
                    phase.run("create", i -> backends.create(models.get(i)));
                    phase.run("apply", i -> backends.apply(withLabel(models.get(i), "bench/applied")));
                    phase.run("edit", i -> backends.edit(models.get(i).getMetadata().getName(), b -> withLabel(b, "bench/edited")));
                }
            }
        }
    }

    private static Backend withLabel(Backend backend, String key) {
        Map<String, String> labels = new HashMap<>(backend.getMetadata().getLabels());
        labels.put(key, "true");
        return backend.withMetadata(backend.getMetadata().withLabels(labels));
    }

    @FunctionalInterface
    private interface Phase {
        void run(String op, IntConsumer action);
    }
}

package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The SDK side by side with client-go on a real kube-apiserver (full mode of {@link BenchmarkRunner},
 * or {@code --real-server} alone). One server ({@link KubeApiServer}: kube-apiserver v1.37.2 and etcd
 * built from Go modules), loaded once with {@code items} Backends as kubectl and a controller leave
 * them: server-side applied by field manager {@code kubectl} with the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation, then a status applied by
 * {@code kgateway} on the status subresource (two managedFields entries per Backend).
 *
 * <ul>
 * <li>Informers: each variant in its own process, {@code reps} times, interleaved: Java
 * ({@link RealServerProbe}: SDK default, stripManagedFields, both strip options; fabric8 generic informer)
 * and Go ({@code tools/client-go-bench}: dynamic and typed informers, each with and without
 * controller-runtime's {@code TransformStripManagedFields}). After READY the runner sends {@code events}
 * label changes at {@value #EVENT_RATE} per second (merge patches from this JVM, so the probe's process
 * CPU time is the informer's own).</li>
 * <li>Write path: per client one process, a warm-up of 100 of each operation, then {@code reps} x
 * {@code count} creates, applies and edits, each repetition in a namespace of its own.</li>
 * <li>Validator startup: {@link ValidatorStartup} in a fresh JVM per release and repetition.</li>
 * </ul>
 */
public final class RealServerComparison {

    static final int EVENT_RATE = 250;
    private static final java.util.concurrent.ThreadFactory DAEMONS = r -> {
        Thread t = new Thread(r, "real-server-writer");
        t.setDaemon(true);
        return t;
    };
    /** the SDK's default informer in a JVM started with an AppCDS archive of its classes */
    private static final String SDK_APPCDS = "sdk-appcds";
    private static final String[] JAVA_INFORMERS = {RealServerProbe.SDK, SDK_APPCDS, RealServerProbe.SDK_STRIP_MANAGED,
            RealServerProbe.SDK_STRIP_BOTH, RealServerProbe.FABRIC8};
    private static final String[] GO_INFORMERS = {"dynamic", "dynamic-strip", "typed", "typed-strip"};
    private static final String[] JAVA_WRITERS = {RealServerProbe.SDK, RealServerProbe.SDK_NO_VALIDATION, RealServerProbe.FABRIC8};
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("java:" + RealServerProbe.SDK, "SDK informer, default"),
            Map.entry("java:" + SDK_APPCDS, "SDK informer, default, JVM with an AppCDS archive"),
            Map.entry("java:" + RealServerProbe.SDK_STRIP_MANAGED, "SDK informer, stripManagedFields"),
            Map.entry("java:" + RealServerProbe.SDK_STRIP_BOTH, "SDK informer, stripManagedFields + stripLastAppliedAnnotation"),
            Map.entry("java:" + RealServerProbe.FABRIC8, "fabric8 GenericKubernetesResource informer"),
            Map.entry("go:dynamic", "client-go dynamic (unstructured) informer"),
            Map.entry("go:dynamic-strip", "client-go dynamic informer + TransformStripManagedFields"),
            Map.entry("go:typed", "client-go typed informer (Go structs)"),
            Map.entry("go:typed-strip", "client-go typed informer + TransformStripManagedFields"),
            Map.entry("write:" + RealServerProbe.SDK, "SDK (client-side validation on, the default)"),
            Map.entry("write:" + RealServerProbe.SDK_NO_VALIDATION, "SDK, validateBeforeWrite(false)"),
            Map.entry("write:" + RealServerProbe.FABRIC8, "raw fabric8 GenericKubernetesResource"),
            Map.entry("write:client-go", "client-go dynamic client"));

    private final Path out;
    private final Path log;
    private final int items;
    private final int events;
    /** update events after each informer's sync before its steady-state window ({@code kgateway.bench.real.warm}) */
    private final int warm = Integer.getInteger("kgateway.bench.real.warm", 3_000);
    private final int reps;
    private final int writes;
    /** samples by row key ("java:sdk", "go:typed", "write:sdk:create", "validator:V2_4") and field */
    private final Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final AtomicLong tick = new AtomicLong();

    private RealServerComparison(Path out, int items, int events, int reps, int writes) {
        this.out = out;
        this.log = out.resolve("real-server-children.log");
        this.items = items;
        this.events = events;
        this.reps = reps;
        this.writes = writes;
    }

    /** @return the markdown section; raw samples go to {@code real-server-results.json} in {@code out} */
    public static String run(Path out, int items, int events, int reps, int writes) throws Exception {
        return new RealServerComparison(out, items, events, reps, writes).run();
    }

    private String run() throws Exception {
        long started = System.nanoTime();
        Files.deleteIfExists(log);
        String go = goBinary();
        if (KubeApiServer.binaries().isEmpty()) {
            return "\n## Side by side with client-go on kube-apiserver\n\nNot run: " + KubeApiServer.whyNoBinaries() + "\n";
        }
        System.out.println("# Real server: starting kube-apiserver v1.37.2 + etcd");
        try (KubeApiServer server = KubeApiServer.start();
             KubernetesClient admin = new KubernetesClientBuilder().withConfig(server.config()).build()) {
            Path dir = Files.createTempDirectory("kgateway-bench-");
            Path kubeconfig = writeKubeconfig(server.config(), dir.resolve("kubeconfig"));
            try (KgatewayClient kgw = KgatewayClient.from(new KubernetesClientBuilder().withConfig(server.config()).build())) {
                kgw.installCrd(false);
            }
            boolean informers = runs("informers");
            List<String[]> names = informers ? load(admin) : List.of();
            if (go != null && informers) {
                Map<String, String> check = new Child(List.of(go, "-mode", "selfcheck", "-kubeconfig", kubeconfig.toString())).await("SELFCHECK");
                notes.add("Typed Go structs: a round trip of all " + check.get("items") + " served Backends through them differs from the "
                        + "unstructured object in " + check.get("typed_mismatches") + " (0 means the typed informer caches everything served).");
                if (!"0".equals(check.get("typed_mismatches"))) {
                    System.out.println("# WARNING: typed Go structs lose data, see " + log);
                }
            }
            if (informers) {
                informers(kubeconfig, go, admin, names, dir);
            }
            try {
                if (runs("write")) {
                    writePath(kubeconfig, go, admin, dir);
                }
            } catch (RuntimeException e) {
                notes.add("The write path failed: " + e.getMessage() + " (the children's log: " + log.getFileName() + ").");
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try {
            if (runs("validators")) {
                validators();
            }
        } catch (RuntimeException e) {
            notes.add("The validator startup measurement failed: " + e.getMessage());
        }
        Files.writeString(out.resolve("real-server-results.json"), Workloads.writeString(samples));
        return markdown(Duration.ofNanos(System.nanoTime() - started), go != null);
    }

    /**
     * @return whether this run measures {@code part} ({@code profiles}, {@code informers}, {@code write}, {@code validators}):
     *     all of them unless {@code -Dkgateway.bench.real.only} names some, comma-separated
     */
    static boolean runs(String part) {
        return selected("kgateway.bench.real.only", part);
    }

    /** @return whether {@code -Dkgateway.bench.real.variants} (comma-separated keys such as {@code java:sdk,go:typed}) names this informer */
    private static boolean measures(String key) {
        return selected("kgateway.bench.real.variants", key);
    }

    /** @return whether the comma-separated system property {@code property} is unset, blank or names {@code value} */
    private static boolean selected(String property, String value) {
        String only = System.getProperty(property);
        return only == null || only.isBlank() || List.of(only.split(",")).contains(value);
    }

    /** @return the client-go-bench binary (tools/client-go-bench/build.sh), or null with a note why not */
    private String goBinary() throws IOException, InterruptedException {
        Path repo = out.toAbsolutePath();
        while (repo != null && !Files.isRegularFile(repo.resolve("tools/client-go-bench/build.sh"))) {
            repo = repo.getParent();
        }
        if (repo == null) {
            notes.add("client-go not run: tools/client-go-bench not found above " + out);
            return null;
        }
        System.out.println("# Real server: building tools/client-go-bench (cached after the first build)");
        Process build = new ProcessBuilder("bash", repo.resolve("tools/client-go-bench/build.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String path = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (build.waitFor() != 0 || path.isEmpty()) {
            notes.add("client-go not run: tools/client-go-bench/build.sh exited with " + build.exitValue());
            return null;
        }
        return path;
    }

    private static Path writeKubeconfig(Config config, Path file) throws IOException {
        String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: " + config.getMasterUrl()
                + "\n    certificate-authority: " + config.getCaCertFile() + "\nusers:\n- name: admin\n  user:\n    token: "
                + config.getOauthToken() + "\ncontexts:\n- name: bench\n  context:\n    cluster: bench\n    user: admin\n"
                + "    namespace: default\ncurrent-context: bench\n";
        Files.writeString(file, yaml);
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        return file;
    }

    /**
     * Loads the Backends: server-side apply by {@code kubectl} with the last-applied annotation (as
     * {@code kubectl apply} leaves it), a status applied by {@code kgateway}, then one label change by
     * the event generator on the Backends it will change later, so their managedFields already hold its
     * entry and do not grow while informers are measured.
     *
     * @return namespace and name of the Backends the event generator changes
     */
    @SuppressWarnings("unchecked")
    private List<String[]> load(KubernetesClient admin) throws Exception {
        long t0 = System.nanoTime();
        // the workload's items, less those the SDK's CRD refuses (its CEL rules: an AWS Backend with both lambda and
        // lambdaFunctionName, an AI Backend with provider and llm), as the SDK's validator of that CRD finds them
        dev.kgateway.sdk.validation.CrdValidator validator = dev.kgateway.sdk.validation.KgatewayRelease.SDK.validator();
        List<Map<String, Object>> all = new ArrayList<>();
        int refused = 0;
        for (Map<String, Object> item : Workloads.items(items * 3 / 2, null)) {
            if (all.size() == items) {
                break;
            }
            if (validator.validate(Codecs.SDK.valueToTree(kubectlManifest(item))).isEmpty()) {
                all.add(item);
            } else {
                refused++;
            }
        }
        if (all.size() < items) {
            throw new IllegalStateException("only " + all.size() + " valid workload items");
        }
        notes.add("Of the workload generator's first " + (items + refused) + " items, " + refused + " break a CEL rule of the SDK's CRD "
                + "(its `spec.aws`/`spec.ai` one-of rules: the generator's upstream shapes) and were skipped, as kubectl would be refused.");
        Set<String> namespaces = new LinkedHashSet<>();
        all.forEach(item -> namespaces.add((String) ((Map<String, Object>) item.get("metadata")).get("namespace")));
        for (String ns : namespaces) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        System.out.println("# Real server: applying " + items + " Backends (kubectl) and their status (kgateway)");
        ExecutorService pool = Executors.newFixedThreadPool(6, DAEMONS);
        List<Future<?>> done = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        for (Map<String, Object> item : all) {
            Map<String, Object> metadata = (Map<String, Object>) item.get("metadata");
            String ns = (String) metadata.get("namespace");
            String name = (String) metadata.get("name");
            names.add(new String[] {ns, name});
            Map<String, Object> status = (Map<String, Object>) item.get("status");
            Map<String, Object> applied = kubectlManifest(item);
            done.add(pool.submit(() -> {
                GenericKubernetesResource resource = Codecs.FABRIC8_SERIALIZATION.convertValue(applied, GenericKubernetesResource.class);
                admin.genericKubernetesResources(RealServerProbe.BACKENDS).inNamespace(ns).resource(resource)
                        .fieldManager("kubectl").forceConflicts().serverSideApply();
                String statusPatch = Workloads.writeString(Workloads.o("apiVersion", Workloads.API_VERSION, "kind", "Backend",
                        "metadata", Workloads.o("name", name, "namespace", ns), "status", status));
                admin.genericKubernetesResources(RealServerProbe.BACKENDS).inNamespace(ns).withName(name).subresource("status")
                        .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("kgateway")
                                .withForce(true).build(), statusPatch);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<String[]> ticked = names.subList(0, Math.min(events, names.size()));
        tick(admin, ticked, ticked.size(), 1_000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        notes.add(String.format(Locale.ROOT, "Load: %d Backends in %d namespaces applied (field manager kubectl, last-applied annotation) "
                + "and status-applied (kgateway) through the server in %.0f s, 6 threads; the first %d then changed once by the "
                + "event generator's field manager.", items, namespaces.size(), seconds, ticked.size()));
        Map<String, Object> sample = Codecs.PLAIN.readValue(Codecs.FABRIC8_SERIALIZATION.asJson(admin
                .genericKubernetesResources(RealServerProbe.BACKENDS).inNamespace(names.get(0)[0]).withName(names.get(0)[1]).get()), Map.class);
        notes.add("A served Backend is " + Codecs.PLAIN.writeValueAsBytes(sample).length + " bytes of JSON, "
                + ((List<?>) ((Map<String, Object>) sample.get("metadata")).get("managedFields")).size() + " managedFields entries.");
        return ticked;
    }

    /** @return the item as {@code kubectl apply} sends it: no server-set metadata, no status, with the last-applied annotation */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> kubectlManifest(Map<String, Object> item) {
        Map<String, Object> metadata = (Map<String, Object>) item.get("metadata");
        Map<String, Object> annotations = new TreeMap<>((Map<String, Object>) metadata.get("annotations"));
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        Map<String, Object> manifest = Workloads.o("apiVersion", item.get("apiVersion"), "kind", item.get("kind"),
                "metadata", Workloads.o("annotations", annotations, "labels", metadata.get("labels"), "name", metadata.get("name"),
                        "namespace", metadata.get("namespace")), "spec", item.get("spec"));
        String lastApplied = Workloads.writeString(manifest) + "\n";
        annotations.put("kubectl.kubernetes.io/last-applied-configuration", lastApplied);
        return manifest;
    }

    /** Sends {@code count} label changes, round robin over {@code names}, at {@code rate} per second. */
    private void tick(KubernetesClient admin, List<String[]> names, int count, int rate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4, DAEMONS);
        List<Future<?>> done = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        PatchContext merge = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("bench-ticker").build();
        for (int i = 0; i < count; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String[] name = names.get(i % names.size());
            String patch = "{\"metadata\":{\"labels\":{\"bench/tick\":\"" + tick.incrementAndGet() + "\"}}}";
            done.add(pool.submit(() -> admin.genericKubernetesResources(RealServerProbe.BACKENDS).inNamespace(name[0]).withName(name[1])
                    .patch(merge, patch)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private void informers(Path kubeconfig, String go, KubernetesClient admin, List<String[]> names, Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path archive = dir.resolve("sdk-informer.jsa");
        if (measures("java:" + SDK_APPCDS)) {
            // the training run of the AppCDS variant: one informer start, its classes archived when the JVM exits
            System.out.println("# Real server: AppCDS training run (java -XX:ArchiveClassesAtExit)");
            Child training = new Child(javaInformer(java, RealServerProbe.SDK, kubeconfig, 1, 0, "-XX:ArchiveClassesAtExit=" + archive));
            training.await("READY");
            tick(admin, names, 1, EVENT_RATE);
            training.await("DONE");
            training.end();
            if (!Files.isRegularFile(archive)) {
                notes.add("The AppCDS variant was not measured: the training run left no archive (see the children's log).");
            } else {
                notes.add(String.format(Locale.ROOT, "AppCDS variant: the SDK's default informer with `-XX:SharedArchiveFile` of a dynamic "
                        + "archive (%.0f MB) written by one training run of the same probe (`-XX:ArchiveClassesAtExit`), the way a "
                        + "service image would ship it.", Files.size(archive) / 1e6));
            }
        }
        for (int rep = 0; rep < reps; rep++) {
            for (String key : JAVA_INFORMERS) {
                if (!measures("java:" + key) || (key.equals(SDK_APPCDS) && !Files.isRegularFile(archive))) {
                    continue;
                }
                List<String> command = key.equals(SDK_APPCDS)
                        ? javaInformer(java, RealServerProbe.SDK, kubeconfig, events, warm, "-XX:SharedArchiveFile=" + archive)
                        : javaInformer(java, key, kubeconfig, events, warm);
                informer("java:" + key, command, admin, names, rep);
            }
            if (go != null) {
                for (String variant : GO_INFORMERS) {
                    if (!measures("go:" + variant)) {
                        continue;
                    }
                    informer("go:" + variant, List.of(go, "-mode", "informer", "-variant", variant, "-kubeconfig", kubeconfig.toString(),
                            "-expect", Integer.toString(items), "-events", Integer.toString(events), "-warm",
                            Integer.toString(warm)), admin, names, rep);
                }
            }
        }
    }

    private void informer(String key, List<String> command, KubernetesClient admin, List<String[]> names, int rep) throws Exception {
        System.out.println("# Real server: informer " + key + ", run " + (rep + 1) + " of " + reps);
        Child child = new Child(command);
        Map<String, String> ready = child.await("READY");
        tick(admin, names, warm > 0 ? Math.max(warm, events) + events : events, EVENT_RATE);
        Map<String, String> finished = child.await("DONE");
        child.end();
        add(key, "sync_cold_ms", Double.parseDouble(ready.get("sync_cold_ms")));
        add(key, "sync_ms", Double.parseDouble(ready.get("sync_ms")));
        add(key, "heap_per_item", Double.parseDouble(ready.get("heap_bytes")) / items);
        if (ready.containsKey("jol_bytes")) {
            add(key, "jol_per_item", Double.parseDouble(ready.get("jol_bytes")) / items);
        }
        if (ready.containsKey("watchlist")) {
            add(key, "watchlist", Boolean.parseBoolean(ready.get("watchlist")) ? 1 : 0);
        }
        add(key, "cpu_ms_per_1000", Double.parseDouble(finished.get("cpu_ns")) / 1e6 * 1000 / Double.parseDouble(finished.get("events")));
        if (warm > 0) {
            add(key, "steady_cpu_ms_per_1000", Double.parseDouble(finished.get("steady_cpu_ns")) / 1e6 * 1000
                    / Double.parseDouble(finished.get("events")));
            add(key, "steady_events_per_second", Double.parseDouble(finished.get("events")) * 1e9
                    / Double.parseDouble(finished.get("steady_wall_ns")));
        }
    }

    private void writePath(Path kubeconfig, String go, KubernetesClient admin, Path dir) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        dev.kgateway.sdk.validation.CrdValidator validator = dev.kgateway.sdk.validation.KgatewayRelease.SDK.validator();
        for (Map<String, Object> item : Workloads.items(writes * 4, "x")) {
            if (docs.size() == writes) {
                break;
            }
            Map<String, Object> manifest = kubectlManifest(item);
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) manifest.get("spec");
            // the SDK refuses to write what no kgateway release serves (the workload's seed-only members: spec.ai.provider,
            // spec.aws.lambdaFunctionName and roleArn, static hosts' tls), so the write path uses its Static Backends, tls dropped
            if (!validator.validate(Codecs.SDK.valueToTree(manifest)).isEmpty() || !spec.containsKey("static")) {
                continue;
            }
            if (spec.get("static") instanceof Map<?, ?> st && st.get("hosts") instanceof List<?> hosts) {
                for (Object host : hosts) {
                    ((Map<?, ?>) host).remove("tls");
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
            metadata.remove("namespace");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) metadata.get("annotations");
            annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
            docs.add(manifest);
        }
        Path docsFile = dir.resolve("write-docs.json");
        Files.write(docsFile, Workloads.write(docs));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (String client : JAVA_WRITERS) {
            commands.put(client, List.of(java, "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                    System.getProperty("java.class.path"), RealServerProbe.class.getName(), "write", client, kubeconfig.toString(),
                    docsFile.toString(), namespaces(admin, client), Integer.toString(writes), "100"));
        }
        if (go != null) {
            commands.put("client-go", List.of(go, "-mode", "write", "-kubeconfig", kubeconfig.toString(), "-docs", docsFile.toString(),
                    "-namespaces", namespaces(admin, "client-go"), "-count", Integer.toString(writes), "-warmup", "100"));
        }
        for (Map.Entry<String, List<String>> client : commands.entrySet()) {
            System.out.println("# Real server: write path, " + client.getKey() + " (" + reps + " x " + writes + " creates, applies, edits)");
            Child child = new Child(client.getValue());
            for (int i = 0; i < reps * 3; i++) {
                Map<String, String> phase = child.await("PHASE");
                String key = "write:" + client.getKey() + ":" + phase.get("op");
                double n = Double.parseDouble(phase.get("n"));
                add(key, "per_second", n / (Double.parseDouble(phase.get("wall_ns")) / 1e9));
                add(key, "cpu_us_per_request", Double.parseDouble(phase.get("cpu_ns")) / 1e3 / n);
            }
            child.end();
        }
    }

    private String namespaces(KubernetesClient admin, String client) {
        List<String> names = new ArrayList<>();
        for (int rep = 0; rep <= reps; rep++) {
            String ns = "w-" + client + "-" + rep;
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            names.add(ns);
        }
        return String.join(",", names);
    }

    private void validators() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        dev.kgateway.sdk.validation.KgatewayRelease[] releases = dev.kgateway.sdk.validation.KgatewayRelease.values();
        // one AppCDS archive per release, written by a training run of the same check (as a CI image would ship it)
        Path archives = Files.createTempDirectory("kgateway-bench-cds-");
        for (dev.kgateway.sdk.validation.KgatewayRelease release : releases) {
            System.out.println("# Validator startup: " + release + ", AppCDS training run");
            Child training = validatorStartup(java, release, "-XX:ArchiveClassesAtExit=" + archives.resolve(release + ".jsa"));
            training.await("VALIDATOR");
            training.end();
        }
        for (int rep = 0; rep < reps; rep++) {
            for (dev.kgateway.sdk.validation.KgatewayRelease release : releases) {
                System.out.println("# Validator startup: " + release + ", fresh JVM " + (rep + 1) + " of " + reps);
                String key = "validator:" + release;
                long t0 = System.nanoTime();
                Child child = validatorStartup(java, release);
                Map<String, String> result = child.await("VALIDATOR");
                child.end();
                add(key, "process_ms", (System.nanoTime() - t0) / 1e6);
                for (String field : List.of("build_ms", "validate_ms", "uptime_ms", "warm_ms")) {
                    add(key, field, Double.parseDouble(result.get(field)));
                }
                add(key, "retained_mb", Double.parseDouble(result.get("retained_bytes")) / 1048576.0);
                add(key, "allocated_mb", Double.parseDouble(result.get("allocated_bytes")) / 1048576.0);
                Path archive = archives.resolve(release + ".jsa");
                if (Files.isRegularFile(archive)) {
                    Child cds = validatorStartup(java, release, "-XX:SharedArchiveFile=" + archive);
                    add(key, "cds_build_ms", Double.parseDouble(cds.await("VALIDATOR").get("build_ms")));
                    cds.end();
                }
            }
        }
        try (var files = Files.walk(archives)) {
            files.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** @return the command of a {@link RealServerProbe} informer JVM for {@code variant}, with {@code options} */
    private List<String> javaInformer(String java, String variant, Path kubeconfig, int events, int warm, String... options) {
        List<String> command = new ArrayList<>(List.of(java, "-Djdk.attach.allowAttachSelf=true", "-Xmx2g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(List.of(options));
        // e.g. -Dkgateway.bench.real.childJvmArgs=-XX:StartFlightRecording=filename=/tmp/sdk.jfr,settings=profile
        String extra = System.getProperty("kgateway.bench.real.childJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RealServerProbe.class.getName(), "informer", variant,
                kubeconfig.toString(), Integer.toString(items), Integer.toString(events), Integer.toString(warm)));
        return command;
    }

    /** @return a fresh JVM (at most 1 GB of heap, plus {@code options}) running {@link ValidatorStartup} for {@code release} */
    private Child validatorStartup(String java, dev.kgateway.sdk.validation.KgatewayRelease release, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ValidatorStartup.class.getName(), release.name()));
        return new Child(command);
    }

    private void add(String key, String field, double value) {
        samples.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(field, f -> new ArrayList<>()).add(value);
    }

    private List<Double> get(String key, String field) {
        return samples.getOrDefault(key, Map.of()).getOrDefault(field, List.of());
    }

    // ---------------------------------------------------------------- report

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String num(double value) {
        double abs = Math.abs(value);
        return String.format(Locale.ROOT, abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : "%.2f", value);
    }

    /** median [min-max] of the samples, or n/a */
    private static String stat(List<Double> values) {
        if (values.isEmpty()) {
            return "n/a";
        }
        if (values.size() == 1) {
            return num(values.get(0));
        }
        double min = Collections.min(values);
        double max = Collections.max(values);
        if (min == max) {
            return num(min) + " (same in all " + values.size() + ")";
        }
        return num(median(values)) + " [" + num(min) + "–" + num(max) + "]";
    }

    /** ratio of medians, with the range from the extreme pairs */
    private static String ratio(List<Double> a, List<Double> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return "n/a";
        }
        double r = median(a) / median(b);
        double lo = Collections.min(a) / Collections.max(b);
        double hi = Collections.max(a) / Collections.min(b);
        return lo == hi ? String.format(Locale.ROOT, "%.2f", r) : String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", r, lo, hi);
    }

    private static String met(List<Double> a, List<Double> b, double target) {
        if (a.isEmpty() || b.isEmpty()) {
            return "n/a";
        }
        double r = median(a) / median(b);
        double lo = Collections.min(a) / Collections.max(b);
        double hi = Collections.max(a) / Collections.min(b);
        boolean straddles = lo <= target && hi > target;
        return (r <= target ? "yes" : "**no**") + (straddles ? "*" : "");
    }

    private String markdown(Duration took, boolean withGo) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Side by side with client-go on kube-apiserver v1.37.2\n\n");
        md.append(String.format(Locale.ROOT, "One kube-apiserver v1.37.2 + etcd v3.7.3 (built from Go modules, loopback, TLS, token auth) for "
                + "every client below, in this run (%d s for this section). Every figure: median [min–max] over %d runs, each run a "
                + "process of its own (a fresh JVM or Go process), variants interleaved run by run. 2 shared vCPUs: the server, "
                + "etcd, the event generator and the measured client share them, so wall-clock figures carry the server's time "
                + "too; CPU figures are the client process's own (Java: process CPU time; Go: getrusage).\n\n", took.toSeconds(), reps));
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        List<Double> watchlist = get("go:typed", "watchlist");
        if (!watchlist.isEmpty()) {
            md.append("- client-go's WatchListClient feature (streaming first list): ").append(watchlist.get(0) > 0 ? "on" : "off")
                    .append(" in this build.\n");
        }
        if (runs("informers")) {
            informers(md, withGo);
        }
        if (runs("write")) {
            writePath(md, withGo);
        }
        if (runs("validators")) {
            validators(md);
        }
        return md.toString();
    }

    private void informers(StringBuilder md, boolean withGo) {
        md.append("\n### Informers over ").append(String.format(Locale.ROOT, "%,d", items)).append(" served Backends\n\n");
        md.append("First sync: from starting the informer to synced, for the first informer of a fresh process (cold: JVM class loading "
                + "and JIT included) and for a second informer in the same process afterwards (warm). Retained per Backend: Java: "
                + "JOL retained size of the informer's indexer (exact); Go: `runtime.MemStats.HeapAlloc` after two `runtime.GC()` "
                + "before and after the sync. Heap after GC per Backend: the same before/after difference of heap in use after full "
                + "GCs on both sides (Java: `MemoryMXBean` after `System.gc()`). Watch CPU: the client process's CPU time per 1,000 "
                + "update events handled, with events sent at ").append(EVENT_RATE).append(" per second (label changes; each event "
                + "carries the whole Backend): over the first ").append(String.format(Locale.ROOT, "%,d", events))
                .append(" events after the sync (a fresh process: the JIT is still compiling the watch path, and its threads count)")
                .append(warm > 0 ? String.format(Locale.ROOT, ", and over %,d more after the first %,d (the steady state)", events,
                        Math.max(warm, events)) : "")
                .append(". Both include what the idle process spends in that time, so they hold only while the events come at that "
                        + "rate: the rate each client saw in its steady window is under the table.\n\n");
        md.append("| Informer | First sync, cold (ms) | First sync, warm (ms) | Retained per Backend (B) | Heap after GC per Backend (B) | "
                + "Watch CPU per 1,000 events, first after sync (ms) | Watch CPU per 1,000 events, steady state (ms) |\n"
                + "|---|---|---|---|---|---|---|\n");
        List<String> keys = new ArrayList<>();
        for (String v : JAVA_INFORMERS) {
            keys.add("java:" + v);
        }
        if (withGo) {
            for (String v : GO_INFORMERS) {
                keys.add("go:" + v);
            }
        }
        keys.removeIf(key -> !samples.containsKey(key)); // variants left out with kgateway.bench.real.variants
        for (String key : keys) {
            boolean java = key.startsWith("java:");
            md.append("| ").append(LABELS.get(key)).append(" | ").append(stat(get(key, "sync_cold_ms"))).append(" | ")
                    .append(stat(get(key, "sync_ms"))).append(" | ")
                    .append(stat(get(key, java ? "jol_per_item" : "heap_per_item"))).append(java ? " (JOL)" : " (MemStats)").append(" | ")
                    .append(stat(get(key, "heap_per_item"))).append(" | ").append(stat(get(key, "cpu_ms_per_1000"))).append(" | ")
                    .append(stat(get(key, "steady_cpu_ms_per_1000"))).append(" |\n");
        }
        if (warm > 0) {
            md.append("\nUpdate events per second reaching each client in its steady-state window (median [min–max]; sent at ")
                    .append(EVENT_RATE).append(" per second): ");
            StringJoiner rates = new StringJoiner("; ");
            for (String key : keys) {
                rates.add(LABELS.get(key) + " " + stat(get(key, "steady_events_per_second")));
            }
            md.append(rates).append(".\n");
        }
        if (withGo) {
            md.append("\nTargets against client-go's typed informer (ratio of medians [extreme pairs]; `*`: the range straddles the target):\n\n");
            md.append("| Target | SDK | client-go | Ratio | Target | Met |\n|---|---|---|---|---|---|\n");
            target(md, "Retained heap per Backend, as served", "java:sdk", "jol_per_item", "go:typed", "heap_per_item", 1.0);
            target(md, "Retained heap per Backend, stripManagedFields vs TransformStripManagedFields", "java:sdk-strip-managed",
                    "jol_per_item", "go:typed-strip", "heap_per_item", 1.0);
            target(md, "Retained heap per Backend, both strip options vs TransformStripManagedFields", "java:sdk-strip-both",
                    "jol_per_item", "go:typed-strip", "heap_per_item", 1.0);
            target(md, "Heap after GC per Backend (same method both sides), as served", "java:sdk", "heap_per_item", "go:typed",
                    "heap_per_item", 1.0);
            target(md, "Heap after GC per Backend, stripManagedFields vs TransformStripManagedFields", "java:sdk-strip-managed",
                    "heap_per_item", "go:typed-strip", "heap_per_item", 1.0);
            target(md, "Time to first sync, cold process", "java:sdk", "sync_cold_ms", "go:typed", "sync_cold_ms", 1.2);
            target(md, "Time to first sync, cold process with an AppCDS archive", "java:" + SDK_APPCDS, "sync_cold_ms", "go:typed",
                    "sync_cold_ms", 1.2);
            target(md, "Time to first sync, warm (second informer)", "java:sdk", "sync_ms", "go:typed", "sync_ms", 1.2);
            target(md, "Time to first sync, cold, stripManagedFields vs TransformStripManagedFields", "java:sdk-strip-managed",
                    "sync_cold_ms", "go:typed-strip", "sync_cold_ms", 1.2);
            target(md, "Watch CPU per event, steady state", "java:sdk", "steady_cpu_ms_per_1000", "go:typed", "steady_cpu_ms_per_1000", 1.5);
            target(md, "Watch CPU per event, steady state, stripManagedFields vs TransformStripManagedFields", "java:sdk-strip-managed",
                    "steady_cpu_ms_per_1000", "go:typed-strip", "steady_cpu_ms_per_1000", 1.5);
            target(md, "Watch CPU per event, first events after the sync (fresh process)", "java:sdk", "cpu_ms_per_1000", "go:typed",
                    "cpu_ms_per_1000", 1.5);
        }
    }

    private void writePath(StringBuilder md, boolean withGo) {
        md.append("\n### Write path: ").append(String.format(Locale.ROOT, "%,d", writes))
                .append(" creates, applies and edits per run, one request at a time\n\n");
        md.append("Each client in one process: a warm-up of 100 of each operation (not counted), then ").append(reps)
                .append(" runs in fresh namespaces. Create: POST. Apply: server-side apply of the same Backend with one more label "
                        + "(field manager `bench`). Edit: read, add a label, write: SDK `edit` (GET + PUT), fabric8 `edit` (GET + JSON "
                        + "patch), client-go `Get` + `Update`. Requests per second: operations over wall time (an edit is two requests, "
                        + "counted as one operation). CPU per request: the client process's CPU time per operation.\n\n");
        md.append("| Client | Operation | Operations per second | Client CPU per operation (µs) | Ops/s vs client-go | CPU vs client-go |\n"
                + "|---|---|---|---|---|---|\n");
        List<String> writers = new ArrayList<>(List.of(JAVA_WRITERS));
        if (withGo) {
            writers.add("client-go");
        }
        for (String op : List.of("create", "apply", "edit")) {
            for (String client : writers) {
                String key = "write:" + client + ":" + op;
                String goKey = "write:client-go:" + op;
                md.append("| ").append(LABELS.get("write:" + client)).append(" | ").append(op).append(" | ")
                        .append(stat(get(key, "per_second"))).append(" | ").append(stat(get(key, "cpu_us_per_request"))).append(" | ")
                        .append(withGo ? ratio(get(key, "per_second"), get(goKey, "per_second")) : "n/a").append(" | ")
                        .append(withGo ? ratio(get(key, "cpu_us_per_request"), get(goKey, "cpu_us_per_request")) : "n/a").append(" |\n");
            }
        }
    }

    private void validators(StringBuilder md) {
        md.append("\n### Validation startup: a CrdValidator per release in a fresh JVM\n\n");
        md.append("`KgatewayRelease.X.validator()` as the first thing a JVM does (CRD YAML read, schema walk, the release's CEL rules "
                + "planned from the checked syntax trees bundled in the jar), then one validation; then every other release built in "
                + "the same, now warm, JVM (median of those). With an AppCDS archive: the same build in a JVM started with "
                + "`-XX:SharedArchiveFile` of an archive that one training run of the same release wrote (`-XX:ArchiveClassesAtExit`). "
                + "Retained: heap in use after GC, after minus before; allocated: bytes the build allocated on its thread. Process: "
                + "the whole child JVM, from start to its answer. Target: build under 500 ms per release, or cached across JVMs "
                + "(the bundled rules are).\n\n");
        md.append("| Release | Build, fresh JVM (ms) | Build, fresh JVM with an AppCDS archive (ms) | First validation (ms) | Build, warm JVM (ms) "
                + "| Retained (MB) | Allocated by the build (MB) | Whole process (ms) | ≤ 500 ms (without / with the archive) |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (dev.kgateway.sdk.validation.KgatewayRelease release : dev.kgateway.sdk.validation.KgatewayRelease.values()) {
            String key = "validator:" + release;
            List<Double> build = get(key, "build_ms");
            List<Double> cds = get(key, "cds_build_ms");
            md.append("| ").append(release).append(" | ").append(stat(build)).append(" | ").append(stat(cds)).append(" | ")
                    .append(stat(get(key, "validate_ms")))
                    .append(" | ").append(stat(get(key, "warm_ms"))).append(" | ").append(stat(get(key, "retained_mb"))).append(" | ")
                    .append(stat(get(key, "allocated_mb"))).append(" | ").append(stat(get(key, "process_ms"))).append(" | ")
                    .append(underBudget(build)).append(" / ").append(underBudget(cds)).append(" |\n");
        }
    }

    /** @return whether the median build is under 500 ms ({@code *}: some runs were not) */
    private static String underBudget(List<Double> build) {
        return build.isEmpty() ? "n/a" : median(build) <= 500 ? (Collections.max(build) > 500 ? "yes*" : "yes") : "**no**";
    }

    private void target(StringBuilder md, String what, String sdk, String sdkField, String go, String goField, double target) {
        List<Double> a = get(sdk, sdkField);
        List<Double> b = get(go, goField);
        md.append("| ").append(what).append(" | ").append(stat(a)).append(" | ").append(stat(b)).append(" | ").append(ratio(a, b))
                .append(" | ≤ ").append(String.format(Locale.ROOT, "%.1f", target)).append(" | ").append(met(a, b, target)).append(" |\n");
    }

    /** A child process speaking the line protocol; stderr appended to the children's log. */
    private final class Child {
        private final Process process;
        private final BufferedReader lines;
        private final List<String> command;

        Child(List<String> command) throws IOException {
            this.command = command;
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        Map<String, String> await(String key) throws IOException {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(key + " ")) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (String part : line.substring(key.length() + 1).trim().split("\\s+")) {
                        int eq = part.indexOf('=');
                        fields.put(part.substring(0, eq), part.substring(eq + 1));
                    }
                    return fields;
                }
            }
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(command.size(), 3))) + "... ended without "
                    + key + "; see " + log);
        }

        void end() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

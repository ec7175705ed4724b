package dev.kgateway.sdk.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the whole suite and reports SDK-to-baseline ratios.
 *
 * <pre>
 * java -jar sdk-benchmarks/target/benchmarks.jar --quick   # smoke test, under 3 minutes on 2 cores
 * java -jar sdk-benchmarks/target/benchmarks.jar           # full run (--full), about 20 minutes
 * java -jar sdk-benchmarks/target/benchmarks.jar Decode -prof jfr   # anything else goes to JMH's own Main
 * </pre>
 *
 * Order: a self-check that all sides read and write the same documents ({@link SelfCheck}), the
 * documents written to {@code workloads/} for the forks, the JOL memory comparison (in a child JVM,
 * so it can attach JOL's agent to itself), then the JMH groups (serialization, build, client list, client watch), each with its own fork,
 * iteration and parameter settings. Writes, next to the jar: {@code jmh-results.json} (all JMH
 * results, JMH's JSON format), {@code memory-results.json} and {@code benchmark-summary.md} (the
 * ratio table, also printed). {@code -Dquick} works like {@code --quick}.
 */
public final class BenchmarkRunner {

    private static final String PKG = BenchmarkRunner.class.getPackageName() + ".";
    /**
     * Every fork: a 3 GB heap (a 10,000-item list decodes into 100+ MB that stays live for the whole
     * operation; with 1 GB, young collections copying it dominated the 10,000-item scores), quiet
     * logging, and the documents the runner wrote (so forks do not generate them again).
     */
    private static String[] forkArgs(Path workloads) {
        return new String[] {"-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-D" + Workloads.DIRECTORY_PROPERTY + "=" + workloads};
    }

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> flags = new java.util.HashSet<>(List.of(args));
        if (args.length > 0 && !Set.of("--quick", "--full", "--real-server").containsAll(flags)) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        String quickProperty = System.getProperty("quick");
        boolean quick = flags.contains("--quick") || (quickProperty != null && !quickProperty.equals("false"));
        Path out = outputDirectory();
        Files.createDirectories(out);
        Instant started = Instant.now();
        if (flags.contains("--real-server")) {
            // the side-by-side section alone (kube-apiserver, client-go), as the full mode runs it
            // plus, in the same run, the three model targets still missed (profiles with their ratios and the JOL memory)
            // -Dkgateway.bench.real.only=write,informers (profiles, informers, write, validators): those parts alone
            boolean profiles = RealServerComparison.runs("profiles");
            Path workloads = out.resolve("workloads");
            Workloads.writeFiles(workloads, 10_000);
            MemoryFootprint.Result memory = profiles ? measureMemory(10_000, out.resolve("memory-results.json")) : null;
            String section = "# sdk-benchmarks --real-server\n\n- Started: " + started + "\n- JVM: " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.vm.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs visible\n- Load average at the start: "
                    + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + "\n"
                    + (profiles ? Profiles.run(forkArgs(workloads), memory) : "") + realServer(out);
            section += "\n- Wall time of the run: " + Duration.between(started, Instant.now()).toSeconds() + " s; load average at the end: "
                    + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + "\n";
            Files.writeString(out.resolve("real-server-summary.md"), section);
            System.out.println(section);
            System.out.println("Written: " + out.resolve("real-server-summary.md"));
            System.exit(0);
        }

        System.out.println("# Self-check: all sides read and write the same documents");
        SelfCheck.run(quick ? 100 : 1_000);
        Path workloads = out.resolve("workloads");
        Workloads.writeFiles(workloads, 1, 100, 10_000);

        int memoryItems = quick ? 300 : 10_000;
        MemoryFootprint.Result memory = measureMemory(memoryItems, out.resolve("memory-results.json"));
        InformerFootprint.Result informers = InformerFootprint.inChildJvm(quick ? 1_000 : 10_000, out.resolve("informer-memory-results.json"));

        if (quick) {
            // in-process run: the forks' settings become this JVM's
            System.setProperty(Workloads.DIRECTORY_PROPERTY, workloads.toString());
            warmUp(10);
        }
        List<RunResult> results = new ArrayList<>();
        for (ChainedOptionsBuilder group : groups(quick, forkArgs(workloads))) {
            results.addAll(run(group));
        }
        try (PrintStream json = new PrintStream(Files.newOutputStream(out.resolve("jmh-results.json")), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(results);
        }
        // full mode only: the real kube-apiserver and client-go (needs the server's binaries and Go)
        String realServer = quick ? "" : Profiles.run(forkArgs(workloads), memory) + realServer(out);
        Duration took = Duration.between(started, Instant.now());
        String summary = Summary.markdown(results, memory, quick, took) + InformerFootprint.markdown(informers) + realServer;
        Files.writeString(out.resolve("benchmark-summary.md"), summary);
        System.out.println();
        System.out.println(summary);
        System.out.println("Written: " + out.resolve("jmh-results.json") + ", " + out.resolve("benchmark-summary.md"));
    }

    /**
     * The JMH groups. Full mode: two forks each; serialization and build 7x1s warmup (on this 2-core
     * machine the decoders reach steady state after about 8 s of running, JIT included) and 4x1s
     * measurement, sizes 1, 100, 10000; client list of 1,000 Backends 5x2s + 5x2s; watch of 10,000
     * events 6 + 8 single shots. Quick mode (a smoke test): no forks (everything runs in this JVM,
     * after {@link #warmUp} ran every decoder, encoder and builder for 10 s, since a fresh fork needs
     * about 8 s to reach steady state here and the 3-minute budget has no room for that per fork),
     * 1x1s warmup, 2x1s measurement, sizes 100 and 10000, a list of 500 Backends, a watch of 1,000 events.
     */
    static List<ChainedOptionsBuilder> groups(boolean quick, String[] forkArgs) {
        int forks = quick ? 0 : 2;
        List<ChainedOptionsBuilder> groups = new ArrayList<>();
        groups.add(base(forks, forkArgs)
                .include(PKG + "DecodeBenchmark\\.").include(PKG + "EncodeBenchmark\\.")
                .param("size", quick ? new String[] {"100", "10000"} : new String[] {"1", "100", "10000"})
                .warmupIterations(quick ? 1 : 7).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 4).measurementTime(TimeValue.seconds(1)));
        groups.add(base(forks, forkArgs)
                .include(PKG + "BuildBenchmark\\.")
                .warmupIterations(quick ? 1 : 7).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 4).measurementTime(TimeValue.seconds(1)));
        groups.add(base(forks, forkArgs)
                .include(PKG + "ClientListBenchmark\\.")
                .param("items", quick ? "500" : "1000")
                .warmupIterations(quick ? 1 : 5).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2)));
        groups.add(base(forks, forkArgs)
                .include(PKG + "ClientWatchBenchmark\\.")
                .param("events", quick ? "1000" : "10000")
                .warmupIterations(quick ? 2 : 6)
                .measurementIterations(quick ? 3 : 8));
        return groups;
    }

    private static ChainedOptionsBuilder base(int forks, String[] forkArgs) {
        return new OptionsBuilder().forks(forks).jvmArgsAppend(forkArgs).shouldFailOnError(true);
    }

    /** Quick mode: runs every side of the serialization and build benchmarks in turn for about {@code seconds}. */
    static void warmUp(int seconds) {
        System.out.println("# Quick mode: warming up all serialization sides in-process for " + seconds + " s");
        byte[] json = Workloads.backendList(100);
        SdkBackendList sdk = Codecs.SDK.readValue(json, SdkBackendList.class);
        var fabric8 = Codecs.FABRIC8.readValue(json, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList.class);
        PojoBackendList pojo = Codecs.PLAIN.readValue(json, PojoBackendList.class);
        TokenFloor.Recording tokens = TokenFloor.Recording.of(json);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.openjdk.jmh.infra.Blackhole bh = new org.openjdk.jmh.infra.Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        BuildBenchmark build = new BuildBenchmark();
        CpuTime cpu = new CpuTime();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 5; i++) {
                bh.consume(Codecs.SDK.readValue(json, SdkBackendList.class));
                bh.consume(Codecs.FABRIC8.readValue(json, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList.class));
                bh.consume(Codecs.PLAIN.readValue(json, PojoBackendList.class));
                TokenFloor.scan(json, bh);
                bh.consume(Codecs.SDK.writeValueAsBytes(sdk));
                bh.consume(Codecs.FABRIC8.writeValueAsBytes(fabric8));
                bh.consume(Codecs.PLAIN.writeValueAsBytes(pojo));
                tokens.replay(out);
            }
            for (int i = 0; i < 1000; i++) {
                bh.consume(build.sdk(cpu));
                bh.consume(build.pojo(cpu));
            }
        }
    }

    /**
     * The side by side with client-go on a real kube-apiserver ({@link RealServerComparison}): 10,000
     * Backends, watch CPU over 1,000 events right after the sync and 1,000 more after 3,000 (the steady
     * state), 3 runs of everything, 1,000 writes of each kind; system properties
     * {@code kgateway.bench.real.items}, {@code .events}, {@code .warm}, {@code .reps}, {@code .writes}
     * change them, {@code .only} and {@code .variants} pick parts and informers, {@code .childJvmArgs}
     * adds options to the informers' JVMs (e.g. a JFR recording).
     */
    static String realServer(Path out) throws Exception {
        return RealServerComparison.run(out, Integer.getInteger("kgateway.bench.real.items", 10_000),
                Integer.getInteger("kgateway.bench.real.events", 1_000), Integer.getInteger("kgateway.bench.real.reps", 3),
                Integer.getInteger("kgateway.bench.real.writes", 1_000));
    }

    private static List<RunResult> run(ChainedOptionsBuilder group) throws RunnerException {
        return new ArrayList<>(new Runner(group.build()).run());
    }

    /** Runs {@link MemoryFootprint} in a child JVM (JOL attaches its agent there) and reads its result. */
    private static MemoryFootprint.Result measureMemory(int items, Path resultFile) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Djdk.attach.allowAttachSelf=true", "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName(),
                Integer.toString(items), resultFile.toString());
        System.out.println("# Memory: JOL retained size of " + items + " decoded Backends per representation");
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the memory measurement failed (exit " + process.exitValue() + ")");
        }
        return Codecs.PLAIN.readValue(resultFile.toFile(), MemoryFootprint.Result.class);
    }

    /** The directory of the benchmarks jar ({@code sdk-benchmarks/target}), or {@code target} when run from classes. */
    private static Path outputDirectory() throws URISyntaxException {
        Path code = Path.of(BenchmarkRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isRegularFile(code) ? code.getParent() : Path.of("target");
    }
}

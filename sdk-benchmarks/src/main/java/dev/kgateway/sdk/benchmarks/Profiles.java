package dev.kgateway.sdk.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.StackProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Full mode: the profiles behind the targets the model still misses (decode against the token-scan
 * floor, building against POJO setters), taken in the same run with JMH's own profilers (async-profiler
 * is not available here): {@code -prof gc} (bytes allocated per operation) and {@code -prof stack}
 * (the hottest RUNNABLE frames, sampled), one fork each, 10,000-item decode and the one-Backend build.
 */
final class Profiles {

    private static final String PKG = Profiles.class.getPackageName() + ".";

    private Profiles() {
    }

    static String run(String[] forkArgs, MemoryFootprint.Result memory) throws Exception {
        System.out.println("# Profiles: JMH -prof gc and -prof stack on decode (10,000 items) and build");
        StringBuilder md = new StringBuilder("\n## Profiles of the targets still missed (same run)\n\n"
                + "JMH `-prof gc` (allocation per operation, exact) and `-prof stack` (thread-state sampling of the benchmark "
                + "thread, top RUNNABLE frames; few samples on 2 shared cores, so read shares, not decimals). One fork, "
                + "5 x 2 s warm-up, 3 x 2 s measurement.\n\n");
        Collection<RunResult> decode = new Runner(new OptionsBuilder().forks(1).jvmArgsAppend(forkArgs)
                .include(PKG + "DecodeBenchmark\\.(sdk|sdkStripManagedFields|tokenScan)$").param("size", "10000")
                .warmupIterations(5).warmupTime(TimeValue.seconds(2)).measurementIterations(3).measurementTime(TimeValue.seconds(2))
                .addProfiler(GCProfiler.class).addProfiler(StackProfiler.class, "lines=1;top=12;detailLine=false")
                .shouldFailOnError(true).build()).run();
        Collection<RunResult> build = new Runner(new OptionsBuilder().forks(1).jvmArgsAppend(forkArgs)
                .include(PKG + "BuildBenchmark\\.")
                .warmupIterations(5).warmupTime(TimeValue.seconds(2)).measurementIterations(3).measurementTime(TimeValue.seconds(2))
                .addProfiler(GCProfiler.class).addProfiler(StackProfiler.class, "lines=1;top=12;detailLine=false")
                .shouldFailOnError(true).build()).run();
        List<RunResult> all = new ArrayList<>(decode);
        all.addAll(build);
        md.append("| Target | SDK | Baseline | Ratio | Target | Met |\n|---|---|---|---|---|---|\n");
        target(md, "Decode 10,000 items vs token-scan floor", score(all, "DecodeBenchmark.sdk"), score(all, "DecodeBenchmark.tokenScan"), 1.5);
        target(md, "Decode 10,000 items with stripManagedFields vs token-scan floor (info)",
                score(all, "DecodeBenchmark.sdkStripManagedFields"), score(all, "DecodeBenchmark.tokenScan"), 1.5);
        target(md, "Build one Backend vs stock POJO setters", score(all, "BuildBenchmark.sdk"), score(all, "BuildBenchmark.pojo"), 1.2);
        if (memory != null) {
            double strip = memory.bytesPerItem().get(MemoryFootprint.AS_SERVED_STRIPPED).get("sdk");
            md.append(String.format(Locale.ROOT, "| Memory per Backend, as served, decoded with stripManagedFields (JOL, %,d items) "
                    + "| %.0f B | budget 1,500 B | %.2f (exact) | ≤ 1.00 | %s |%n", memory.items(), strip, strip / 1500, strip <= 1500 ? "yes" : "**no**"));
            md.append("\nLargest classes per Backend, stripManagedFields: ").append(memory.topClasses().getOrDefault("sdk, stripManagedFields", "n/a"))
                    .append(" (JOL class histogram over the decoded items).\n");
        }
        md.append("\n| Benchmark | Score | Allocated per operation | GC time in the measurement |\n|---|---|---|---|\n");
        for (RunResult r : all) {
            Map<String, Result> secondary = r.getSecondaryResults();
            md.append("| ").append(name(r)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f ± %.1f %s", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                            r.getPrimaryResult().getScoreUnit())).append(" | ")
                    .append(find(secondary, "gc.alloc.rate.norm")).append(" | ").append(find(secondary, "gc.time")).append(" |\n");
        }
        for (RunResult r : all) {
            String stack = null;
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("stack")) {
                    stack = e.getValue().extendedInfo();
                }
            }
            if (stack != null) {
                md.append("\n`").append(name(r)).append("`, hottest frames:\n\n```\n").append(runnable(stack)).append("```\n");
            }
        }
        return md.toString();
    }

    private static RunResult score(List<RunResult> all, String benchmark) {
        for (RunResult r : all) {
            if (r.getParams().getBenchmark().equals(PKG + benchmark)) {
                return r;
            }
        }
        throw new IllegalStateException("no result of " + benchmark);
    }

    private static void target(StringBuilder md, String what, RunResult sdk, RunResult base, double target) {
        double a = sdk.getPrimaryResult().getScore();
        double b = base.getPrimaryResult().getScore();
        double[] ratio = Summary.ratio(a, sdk.getPrimaryResult().getScoreError(), b, base.getPrimaryResult().getScoreError());
        md.append(String.format(Locale.ROOT, "| %s | %.4g %s | %.4g %s | %.2f ± %.2f | ≤ %.2f | %s |%n", what, a,
                sdk.getPrimaryResult().getScoreUnit(), b, base.getPrimaryResult().getScoreUnit(), ratio[0], ratio[1], target,
                Summary.verdict(ratio[0], ratio[1], target)));
    }

    private static String name(RunResult r) {
        String label = r.getParams().getBenchmark().substring(PKG.length());
        String size = r.getParams().getParam("size");
        return size == null ? label : label + " (size " + size + ")";
    }

    private static String find(Map<String, Result> secondary, String suffix) {
        for (Map.Entry<String, Result> e : secondary.entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                return String.format(Locale.ROOT, "%,.0f %s", e.getValue().getScore(), e.getValue().getScoreUnit());
            }
        }
        return "n/a";
    }

    /** @return the RUNNABLE section of a stack profile, without blank lines */
    private static String runnable(String stack) {
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (String line : stack.split("\n")) {
            if (line.contains("Thread state: RUNNABLE")) {
                in = true;
                continue;
            }
            if (in && line.contains("Thread state:")) {
                break;
            }
            if (in && !line.isBlank()) {
                out.append(line.strip()).append('\n');
            }
        }
        return out.length() == 0 ? stack : out.toString();
    }
}

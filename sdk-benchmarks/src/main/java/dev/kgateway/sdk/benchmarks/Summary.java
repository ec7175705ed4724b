package dev.kgateway.sdk.benchmarks;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown report: for every workload, SDK score / baseline score for each alternative (lower
 * is better for the SDK), with an uncertainty from JMH's 99.9% confidence intervals, and whether
 * the target is met.
 */
final class Summary {

    private Summary() {
    }

    static String markdown(Collection<RunResult> results, MemoryFootprint.Result memory, boolean quick, Duration took) {
        StringBuilder md = new StringBuilder();
        md.append("# kgateway SDK benchmark summary (").append(quick ? "quick" : "full").append(" mode)\n\n");
        md.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
        md.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs visible\n");
        md.append("- Wall time of the run: ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s\n\n");
        md.append("Ratio = SDK / alternative (time or bytes; below 1 means the SDK is faster or smaller). ")
                .append("± combines both sides' JMH 99.9% error margins; n/a when too few samples. ")
                .append("\"yes*\"/\"no*\": the margin straddles the target. ")
                .append("Ratio (CPU): the same from process CPU time per call (benchmark thread, GC, JIT and, in the client rows, ")
                .append("fabric8's and the mock server's threads), which time spent waiting for a core does not inflate.\n\n");
        md.append("| Workload | SDK | Alternative | Alternative score | Ratio (wall) | Target | Met | Ratio (CPU) | Met (CPU) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");

        for (String kind : List.of("Decode", "Encode")) {
            String cls = kind + "Benchmark";
            String floor = kind.equals("Decode") ? "tokenScan" : "tokenReplay";
            for (String size : sizes(results, cls)) {
                String workload = kind + " " + size + (size.equals("1") ? " item" : " items");
                RunResult sdk = find(results, cls, "sdk", "size", size);
                row(md, workload, sdk, "fabric8 GenericKubernetesResource", find(results, cls, "fabric8", "size", size), 0.5, "≤ 0.50 (2x faster)");
                row(md, workload, sdk, "stock POJOs", find(results, cls, "pojo", "size", size), 1.0, "≤ 1.00");
                double floorTarget = kind.equals("Decode") ? 1.5 : 1.2;
                row(md, workload, sdk, "token " + (kind.equals("Decode") ? "scan" : "replay") + " floor", find(results, cls, floor, "size", size),
                        floorTarget, String.format(Locale.ROOT, "≤ %.2f", floorTarget));
            }
        }
        RunResult buildSdk = find(results, "BuildBenchmark", "sdk", null, null);
        row(md, "Build one Backend", buildSdk, "stock POJO setters", find(results, "BuildBenchmark", "pojo", null, null), 1.2, "≤ 1.20");
        RunResult listSdk = find(results, "ClientListBenchmark", "sdk", null, null);
        row(md, "Client list " + param(results, "ClientListBenchmark", "items") + " Backends", listSdk, "raw fabric8 generic list",
                find(results, "ClientListBenchmark", "fabric8", null, null), 1.10, "≤ 1.10");
        RunResult watchSdk = find(results, "ClientWatchBenchmark", "sdk", null, null);
        row(md, "Client watch " + param(results, "ClientWatchBenchmark", "events") + " events", watchSdk, "raw fabric8 generic watch",
                find(results, "ClientWatchBenchmark", "fabric8", null, null), 1.10, "≤ 1.10");

        var served = memory.bytesPerItem().get(MemoryFootprint.AS_SERVED);
        String memoryWorkload = "Memory per Backend (" + memory.items() + " decoded)";
        memoryRow(md, memoryWorkload, served.get("sdk"), "fabric8 GenericKubernetesResource", served.get("fabric8"), 0.4, "≤ 0.40");
        absoluteMemoryRow(md, memoryWorkload, served.get("sdk"), 3000);
        var strippedRead = memory.bytesPerItem().get(MemoryFootprint.AS_SERVED_STRIPPED);
        if (strippedRead != null) {
            absoluteMemoryRow(md, "Memory per Backend, " + MemoryFootprint.AS_SERVED_STRIPPED, strippedRead.get("sdk"), 1500);
        }
        memoryRow(md, memoryWorkload, served.get("sdk"), "stock POJOs", served.get("pojo"), Double.NaN, "(none)");
        var schemaOnly = memory.bytesPerItem().get(MemoryFootprint.SCHEMA_MEMBERS);
        String schemaWorkload = "Memory per Backend, " + MemoryFootprint.SCHEMA_MEMBERS + " (info)";
        memoryRow(md, schemaWorkload, schemaOnly.get("sdk"), "fabric8 GenericKubernetesResource", schemaOnly.get("fabric8"), Double.NaN, "(info)");
        memoryRow(md, schemaWorkload, schemaOnly.get("sdk"), "stock POJOs", schemaOnly.get("pojo"), Double.NaN, "(info)");

        md.append("\n## Raw JMH scores\n\n| Benchmark | Params | Mode | Score | Error (99.9%) | Unit | Process CPU per call |\n|---|---|---|---|---|---|---|\n");
        for (RunResult r : results) {
            Result<?> p = r.getPrimaryResult();
            List<String> params = new ArrayList<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.add(key + "=" + r.getParams().getParam(key));
            }
            md.append("| ").append(shortName(r)).append(" | ").append(String.join(", ", params)).append(" | ")
                    .append(r.getParams().getMode().shortLabel()).append(" | ").append(fmt(p.getScore())).append(" | ")
                    .append(Double.isNaN(p.getScoreError()) ? "n/a" : fmt(p.getScoreError())).append(" | ").append(p.getScoreUnit()).append(" | ");
            double[] cpu = cpuPerCall(r);
            md.append(cpu == null ? "n/a" : cpuText(cpu)).append(" |\n");
        }
        md.append("\nMemory (JOL, bytes per Backend):\n\n");
        memory.bytesPerItem().forEach((variant, sides) -> {
            md.append("- ").append(variant).append(": ");
            sides.forEach((side, bytes) -> md.append(side).append(' ').append(String.format(Locale.ROOT, "%.0f", bytes)).append("; "));
            md.append('\n');
        });
        md.append("\nLargest classes per Backend (as served):\n\n");
        memory.topClasses().forEach((side, top) -> md.append("- ").append(side).append(": ").append(top).append('\n'));
        return md.toString();
    }

    private static void row(StringBuilder md, String workload, RunResult sdkRun, String alternative, RunResult otherRun, double target, String targetText) {
        if (sdkRun == null || otherRun == null) {
            md.append("| ").append(workload).append(" | ").append(sdkRun == null ? "missing" : score(sdkRun.getPrimaryResult())).append(" | ")
                    .append(alternative).append(" | ").append(otherRun == null ? "missing" : score(otherRun.getPrimaryResult()))
                    .append(" | n/a | ").append(targetText).append(" | n/a | n/a | n/a |\n");
            return;
        }
        Result<?> sdk = sdkRun.getPrimaryResult();
        Result<?> other = otherRun.getPrimaryResult();
        double[] ratio = ratio(sdk.getScore(), sdk.getScoreError(), other.getScore(), other.getScoreError());
        double[] sdkCpu = cpuPerCall(sdkRun);
        double[] otherCpu = cpuPerCall(otherRun);
        double[] cpuRatio = sdkCpu == null || otherCpu == null ? null : ratio(sdkCpu[0], sdkCpu[1], otherCpu[0], otherCpu[1]);
        md.append("| ").append(workload).append(" | ").append(score(sdk)).append(" | ").append(alternative).append(" | ").append(score(other))
                .append(" | ").append(formatRatio(ratio)).append(" | ").append(targetText).append(" | ").append(verdict(ratio, target))
                .append(" | ").append(cpuRatio == null ? "n/a" : formatRatio(cpuRatio)).append(" | ")
                .append(cpuRatio == null ? "n/a" : verdict(cpuRatio, target)).append(" |\n");
    }

    /** @return {ratio, error}: error from both relative errors (NaN when either is unknown) */
    static double[] ratio(double a, double aError, double b, double bError) {
        double ratio = a / b;
        double relA = aError / a;
        double relB = bError / b;
        return new double[] {ratio, Double.isNaN(relA) || Double.isNaN(relB) ? Double.NaN : ratio * Math.sqrt(relA * relA + relB * relB)};
    }

    private static String formatRatio(double[] ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio[0]) + (Double.isNaN(ratio[1]) ? " ± n/a" : String.format(Locale.ROOT, " ± %.2f", ratio[1]));
    }

    private static String verdict(double[] ratio, double target) {
        return verdict(ratio[0], Double.isNaN(ratio[1]) ? 0 : ratio[1], target);
    }

    private static void memoryRow(StringBuilder md, String workload, double sdk, String alternative, double other, double target, String targetText) {
        double ratio = sdk / other;
        md.append("| ").append(workload).append(" | ").append(String.format(Locale.ROOT, "%.0f B", sdk)).append(" | ").append(alternative)
                .append(" | ").append(String.format(Locale.ROOT, "%.0f B", other)).append(" | ").append(String.format(Locale.ROOT, "%.2f", ratio))
                .append(" | ").append(targetText).append(" | ").append(verdict(ratio, 0, target)).append(" | (exact) | |\n");
    }

    /** A row against an absolute budget in bytes rather than a ratio. */
    private static void absoluteMemoryRow(StringBuilder md, String workload, double sdk, double budget) {
        md.append("| ").append(workload).append(" | ").append(String.format(Locale.ROOT, "%.0f B", sdk)).append(" | budget | ")
                .append(String.format(Locale.ROOT, "%.0f B", budget)).append(" | ").append(String.format(Locale.ROOT, "%.2f", sdk / budget))
                .append(" | ≤ 1.00 (").append(String.format(Locale.ROOT, "%.0f B", budget)).append(") | ").append(verdict(sdk / budget, 0, 1.0))
                .append(" | (exact) | |\n");
    }

    static String verdict(double ratio, double error, double target) {
        if (Double.isNaN(target)) {
            return "-";
        }
        if (ratio + error <= target) {
            return "yes";
        }
        if (ratio - error > target) {
            return "**no**";
        }
        return ratio <= target ? "yes*" : "**no***";
    }

    private static String cpuText(double[] nanos) {
        double v = nanos[0];
        String unit = "ns";
        double scale = 1;
        if (v >= 1e6) {
            unit = "ms";
            scale = 1e6;
        } else if (v >= 1e3) {
            unit = "us";
            scale = 1e3;
        }
        return fmt(v / scale) + (Double.isNaN(nanos[1]) ? "" : " ± " + fmt(nanos[1] / scale)) + " " + unit;
    }

    private static String score(Result<?> r) {
        return fmt(r.getScore()) + " " + r.getScoreUnit();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String shortName(RunResult r) {
        String name = r.getParams().getBenchmark();
        int dot = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
        return name.substring(dot + 1);
    }

    private static List<String> sizes(Collection<RunResult> results, String cls) {
        List<String> sizes = new ArrayList<>();
        for (RunResult r : results) {
            if (shortName(r).startsWith(cls + ".")) {
                String size = r.getParams().getParam("size");
                if (size != null && !sizes.contains(size)) {
                    sizes.add(size);
                }
            }
        }
        sizes.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        return sizes;
    }

    private static String param(Collection<RunResult> results, String cls, String key) {
        for (RunResult r : results) {
            if (shortName(r).startsWith(cls + ".")) {
                return r.getParams().getParam(key);
            }
        }
        return "?";
    }

    private static RunResult find(Collection<RunResult> results, String cls, String method, String paramKey, String paramValue) {
        for (RunResult r : results) {
            if (shortName(r).equals(cls + "." + method)
                    && (paramKey == null || paramValue.equals(r.getParams().getParam(paramKey)))) {
                return r;
            }
        }
        return null;
    }

    /** @return {mean, 99.9% error} of process CPU nanoseconds per call over the measurement iterations, or null */
    static double[] cpuPerCall(RunResult run) {
        List<Double> perIteration = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Result<?> cpu = iteration.getSecondaryResults().get("cpuNanos");
                Result<?> calls = iteration.getSecondaryResults().get("calls");
                if (cpu != null && calls != null && calls.getScore() > 0) {
                    perIteration.add(cpu.getScore() / calls.getScore());
                }
            }
        }
        if (perIteration.isEmpty()) {
            return null;
        }
        ListStatistics stats = new ListStatistics();
        perIteration.forEach(stats::addValue);
        return new double[] {stats.getMean(), perIteration.size() > 1 ? stats.getMeanErrorAt(0.999) : Double.NaN};
    }
}

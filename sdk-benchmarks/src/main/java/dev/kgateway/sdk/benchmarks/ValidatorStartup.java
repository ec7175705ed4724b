package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.validation.CrdValidator;
import dev.kgateway.sdk.validation.KgatewayRelease;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * One fresh JVM's cost of a release validator, for {@link RealServerComparison}: building
 * {@code KgatewayRelease.X.validator()} (CRD YAML read, schema and CEL compilation) as the first thing
 * the JVM does, the first validation with it, the heap it retains (in use after GC, before and after)
 * and the bytes the build allocated; then every other release built in the same, now warm, JVM.
 *
 * <pre>java -cp benchmarks.jar dev.kgateway.sdk.benchmarks.ValidatorStartup V2_4</pre>
 *
 * Prints {@code VALIDATOR release=V2_4 build_ms=.. validate_ms=.. retained_bytes=.. allocated_bytes=..
 * uptime_ms=.. warm_ms=..} ({@code uptime_ms}: the JVM's age when {@code main} started; {@code warm_ms}:
 * the median build time of the other releases afterwards).
 */
public final class ValidatorStartup {

    private ValidatorStartup() {
    }

    public static void main(String[] args) throws Exception {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        KgatewayRelease release = KgatewayRelease.valueOf(args[0]);
        byte[] document = Workloads.write(Workloads.items(1, "default").get(0));
        long before = RealServerProbe.usedAfterGc();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        CrdValidator validator = release.validator();
        long built = System.nanoTime();
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
        validator.validate(BackendJson.fromJson(document));
        long validated = System.nanoTime();
        long retained = RealServerProbe.usedAfterGc() - before;
        java.util.List<Double> warm = new java.util.ArrayList<>();
        for (KgatewayRelease other : KgatewayRelease.values()) {
            if (other != release) {
                long w0 = System.nanoTime();
                other.validator();
                warm.add((System.nanoTime() - w0) / 1e6);
            }
        }
        java.util.Collections.sort(warm);
        System.out.printf(Locale.ROOT, "VALIDATOR release=%s build_ms=%.1f validate_ms=%.1f retained_bytes=%d allocated_bytes=%d uptime_ms=%d warm_ms=%.1f%n",
                release, (built - t0) / 1e6, (validated - built) / 1e6, retained, allocated, uptime, warm.get(warm.size() / 2));
        System.exit(0);
    }
}

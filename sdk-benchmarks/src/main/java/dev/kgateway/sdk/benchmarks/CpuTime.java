package dev.kgateway.sdk.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;

/**
 * Process CPU time per iteration, next to JMH's wall time: other sessions share this machine's two
 * cores, and time spent waiting for a core inflates wall time but not CPU time. Reported as the
 * secondary results {@code cpuNanos} (process CPU time of the iteration: benchmark thread, GC, JIT,
 * and for the client benchmarks fabric8's and the mock server's threads) and {@code calls}
 * (invocations in the iteration); {@link Summary} divides them.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long cpuNanos;
    public long calls;
    private long start;

    @Setup(Level.Iteration)
    public void begin() {
        cpuNanos = 0;
        calls = 0;
        start = OS.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void end() {
        cpuNanos = OS.getProcessCpuTime() - start;
    }
}

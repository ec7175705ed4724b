package dev.kgateway.sdk.model.reliability;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendReadException;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs one read of a hostile input and checks the contract of the read methods: the outcome is a
 * Backend (or a list of them) or a {@link BackendReadException} that says where (a path, a line and
 * column, or the document number), never any other exception or error, within {@link #MAX_TIME}.
 * Measures the time and the bytes the reading thread allocated.
 */
final class ReliabilityReads {

    /**
     * A guard against hangs (quadratic or unbounded work), not a performance figure: the work a read
     * may do is asserted as bytes read, tokens, positions and allocations. The worst inputs the
     * limits admit take about 1 to 3 s on a quiet 2-core machine and took 6 to 7 s while a mutation
     * run and other builds shared it, so 5 s failed under load; unbounded work on the hostile inputs
     * takes minutes.
     */
    static final Duration MAX_TIME = Duration.ofSeconds(30);

    static {
        // Compile the parsers' hot paths first: the bound is about reading, not about the JIT's first minutes.
        String json = "{\"metadata\":{\"name\":\"warm\"},\"extra\":[" + "{\"a\":[1,\"b\",true]},".repeat(20_000) + "0]}";
        for (int i = 0; i < 3; i++) {
            dev.kgateway.sdk.model.BackendJson.fromJson(json);
            dev.kgateway.sdk.model.BackendJson.readAllFromString(json);
        }
    }

    private static final Pattern LOCATION = Pattern.compile("\\(line \\d+, column \\d+\\)|document \\d+|\\(at byte \\d+\\)|\\(after \\d+ bytes or characters\\)");
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ReliabilityReads() {
    }

    /** What one read gave: exactly one of value and error is set. */
    record Outcome(Object value, BackendReadException error, long nanos, long allocatedBytes) {
        Duration time() {
            return Duration.ofNanos(nanos);
        }

        long allocatedMegabytes() {
            return allocatedBytes / (1024 * 1024);
        }
    }

    static Outcome read(String what, Supplier<?> read) {
        long threadId = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(threadId);
        long start = System.nanoTime();
        Object value = null;
        BackendReadException error = null;
        try {
            value = read.get();
        } catch (BackendReadException e) {
            error = e;
        } catch (Throwable t) {
            fail(what + ": expected a Backend or BackendReadException, got " + t, t);
        }
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getThreadAllocatedBytes(threadId) - allocatedBefore;
        Outcome outcome = new Outcome(value, error, nanos, allocated);
        assertThat(outcome.time()).as("%s took %d ms", what, nanos / 1_000_000).isLessThan(MAX_TIME);
        if (error != null) {
            assertLocated(what, error);
        } else if (value instanceof List<?> list) {
            assertThat(list).as(what).doesNotContainNull();
        } else {
            assertThat(value).as(what).isInstanceOf(Backend.class);
        }
        return outcome;
    }

    /** The read exception names where: a JSON path, a line and column, or the document of a stream. */
    static void assertLocated(String what, BackendReadException e) {
        assertThat(e.getMessage()).as(what).isNotBlank();
        assertThat(e.getPath()).as(what).isNotNull();
        boolean located = !e.getPath().isEmpty() || LOCATION.matcher(e.getMessage()).find()
                || e.getMessage().startsWith("document is null") || e.getMessage().startsWith("expected one Backend document");
        assertThat(located).as("%s: '%s' names neither a path, a line nor a document", what, e.getMessage()).isTrue();
    }

    /** The outcome must be the read error, not a Backend. */
    static BackendReadException rejected(String what, Supplier<?> read) {
        Outcome outcome = read(what, read);
        assertThat(outcome.error()).as("%s should be rejected", what).isNotNull();
        return outcome.error();
    }
}

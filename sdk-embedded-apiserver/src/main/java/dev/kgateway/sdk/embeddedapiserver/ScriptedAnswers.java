package dev.kgateway.sdk.embeddedapiserver;

import io.fabric8.mockwebserver.http.MockResponse;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers a test plans for requests, each for a number of matching requests: a building block of a
 * {@link RequestInterceptor} for faults the embedded server has no name for (exact Status bodies,
 * plain-text answers, a WebSocket whose events the test writes).
 *
 * <pre>{@code
 * ScriptedAnswers answers = new ScriptedAnswers();
 * EmbeddedApiServer server = EmbeddedApiServer.builder()
 *     .interceptor(new RequestInterceptor() {
 *         public MockResponse before(RecordedCall call) {
 *             return answers.take(call);
 *         }
 *     })
 *     .start();
 * answers.add(1, call -> call.method().equals("GET"),
 *     call -> new MockResponse().setResponseCode(404).setBody("404 page not found"));
 * }</pre>
 *
 * <p>Thread-safe: concurrent requests never take one planned answer twice.
 */
public final class ScriptedAnswers {

    private record Plan(Predicate<RecordedCall> which, Function<RecordedCall, MockResponse> answer, AtomicInteger remaining) {
    }

    private final List<Plan> plans = new CopyOnWriteArrayList<>();

    /**
     * Plans {@code answer} for the next {@code count} requests that match {@code which}, after the
     * answers planned before it.
     *
     * @return this
     */
    public ScriptedAnswers add(int count, Predicate<RecordedCall> which, Function<RecordedCall, MockResponse> answer) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        plans.add(new Plan(Objects.requireNonNull(which, "which"), Objects.requireNonNull(answer, "answer"), new AtomicInteger(count)));
        return this;
    }

    /** @return the first planned answer that matches {@code call} (using one of its count), or {@code null} */
    public MockResponse take(RecordedCall call) {
        for (Plan plan : plans) {
            if (plan.which().test(call) && claim(plan.remaining())) {
                return plan.answer().apply(call);
            }
        }
        plans.removeIf(p -> p.remaining().get() <= 0);
        return null;
    }

    /** @return how many planned answers are still to be given */
    public int pending() {
        return plans.stream().mapToInt(p -> Math.max(0, p.remaining().get())).sum();
    }

    /** Forgets every planned answer. */
    public void clear() {
        plans.clear();
    }

    /** Takes one of {@code remaining} if any is left; never below zero under concurrent callers. */
    private static boolean claim(AtomicInteger remaining) {
        int left;
        do {
            left = remaining.get();
            if (left <= 0) {
                return false;
            }
        } while (!remaining.compareAndSet(left, left - 1));
        return true;
    }
}

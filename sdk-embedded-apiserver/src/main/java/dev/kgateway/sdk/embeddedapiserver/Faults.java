package dev.kgateway.sdk.embeddedapiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import dev.kgateway.sdk.embeddedapiserver.internal.Status;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Faults the embedded API server injects on demand, as a real control plane shows them: API
 * Priority and Fairness answering 429 with {@code Retry-After}, 500 and 503 during rollouts, slow
 * answers. A faulted request is logged and not handled: nothing is stored.
 *
 * <pre>{@code
 * server.faults().failNext(2, 503);                              // the next two requests
 * server.faults().throttleNext(1, 1);                            // 429, Retry-After: 1
 * server.faults().failNext(1, 500, call -> call.method().equals("PUT"));
 * server.faults().latency(Duration.ofMillis(200));
 * }</pre>
 *
 * <p>Watches: see {@link EmbeddedApiServer#dropWatches()} and {@link EmbeddedApiServer#expireWatchHistory()}.
 */
public final class Faults {


    /** Answered instead of the server's handling. */
    private final ScriptedAnswers beforeHandling = new ScriptedAnswers();
    /** Answered after the server handled (and stored): lost answers. */
    private final ScriptedAnswers afterHandling = new ScriptedAnswers();
    private volatile Duration latency = Duration.ZERO;

    Faults() {
    }

    /**
     * Answers the next {@code count} requests with {@code code} (429, 500, 503, ...) and a kube
     * {@code Status} body; a 429 carries {@code Retry-After: 1}.
     *
     * @return this
     */
    public Faults failNext(int count, int code) {
        return failNext(count, code, call -> true);
    }

    /** Like {@link #failNext(int, int)}, for the next {@code count} requests that match {@code which}. @return this */
    public Faults failNext(int count, int code, Predicate<RecordedCall> which) {
        return add(count, code, code == 429 ? 1 : 0, which);
    }

    /** Answers the next {@code count} requests 429 {@code TooManyRequests} with {@code Retry-After: retryAfterSeconds}. @return this */
    public Faults throttleNext(int count, int retryAfterSeconds) {
        return add(count, 429, retryAfterSeconds, call -> true);
    }

    /**
     * Lets the server handle the next {@code count} requests that match {@code which}, then answers
     * them {@code code} (500 or 504) instead of the result: a write that landed but whose answer was
     * lost, as a timeout in kube-apiserver or a proxy shows it. The client cannot tell from the
     * answer whether the write happened.
     *
     * <pre>{@code
     * server.faults().loseAnswerNext(1, 504, call -> call.method().equals("PUT"));
     * }</pre>
     *
     * @return this
     */
    public Faults loseAnswerNext(int count, int code, Predicate<RecordedCall> which) {
        return add(count, code, 0, which, true);
    }

    private Faults add(int count, int code, int retryAfter, Predicate<RecordedCall> which) {
        return add(count, code, retryAfter, which, false);
    }

    private Faults add(int count, int code, int retryAfter, Predicate<RecordedCall> which, boolean afterHandling) {
        if (count < 1 || code < 400 || code > 599) {
            throw new IllegalArgumentException("count must be positive and code 4xx or 5xx");
        }
        (afterHandling ? this.afterHandling : beforeHandling).add(count, Objects.requireNonNull(which, "which"), call -> {
            MockResponse response = Status.response(code, reason(code), message(code));
            if (retryAfter > 0) {
                response.setHeader("Retry-After", retryAfter);
            }
            return response;
        });
        return this;
    }

    /** Delays every answer (not watch events) by {@code delay}; {@link Duration#ZERO} turns it off. @return this */
    public Faults latency(Duration delay) {
        this.latency = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** Forgets pending faults and the latency. */
    public void clear() {
        beforeHandling.clear();
        afterHandling.clear();
        latency = Duration.ZERO;
    }

    /** @return how many planned faults are still to be answered */
    public int pending() {
        return beforeHandling.pending() + afterHandling.pending();
    }

    Duration latency() {
        return latency;
    }

    /** @return the fault answer for {@code call}, or {@code null} to handle it */
    MockResponse take(RecordedCall call) {
        return beforeHandling.take(call);
    }

    /** @return the answer to send for {@code call}, which the server handled and answered {@code handled} */
    MockResponse afterHandling(RecordedCall call, MockResponse handled) {
        MockResponse lost = afterHandling.take(call);
        return lost != null ? lost : handled;
    }


    private static String reason(int code) {
        return switch (code) {
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "";
        };
    }

    private static String message(int code) {
        return switch (code) {
            case 429 -> "Too many requests, please try again later.";
            case 500 -> "Internal error occurred: injected by the test server";
            case 503 -> "the server is currently unable to handle the request";
            case 504 -> "Timeout: request did not complete within requested timeout - context deadline exceeded";
            default -> "injected by the test server";
        };
    }
}

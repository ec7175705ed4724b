package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClientListener;
import dev.kgateway.sdk.client.RetryPolicy;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which failures the executor retries, how long it waits (the delays it chooses are recorded, not
 * slept), when it asks whether a write whose answer was lost took effect, and what it reports to
 * the client listener. Requests are plain suppliers: no server.
 */
class RequestExecutorTest {

    private static final Call GET = Call.read("get", "ai", "openai");
    private static final Call CREATE = Call.create("ai", "openai");
    /** Backoff 10, 20, 40 ms (capped at 100 ms), 4 attempts. */
    private static final RetryPolicy POLICY = new RetryPolicy(4, 3, Duration.ofMillis(10), Duration.ofMillis(100));

    private final List<String> heard = new ArrayList<>();
    private final List<Duration> latencies = new ArrayList<>();
    private final KgatewayClientListener listener = new KgatewayClientListener() {
        @Override
        public void onRequest(String verb, String outcome, Duration latency) {
            heard.add("request " + verb + " " + outcome);
            latencies.add(latency);
        }

        @Override
        public void onRetry(String verb, int attempt, String reason) {
            heard.add("retry " + verb + " " + attempt + " " + reason);
        }
    };
    private RetryDelays delays;

    @BeforeEach
    void recordDelays() {
        delays = RetryDelays.recordOnThisThread();
    }

    @AfterEach
    void sleepAgain() {
        delays.close();
    }

    @Test
    void aSuccessIsReturnedAndHeardAs2xx() {
        String result = executor(null).execute(GET, () -> "openai");

        assertThat(result).isEqualTo("openai");
        assertThat(heard).containsExactly("request get 2xx");
        assertThat(delays.chosen()).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThatGrowsWithJitter() {
        Script script = new Script(http(503), http(500), http(504), "done");

        assertThat(executor(null).execute(GET, script)).isEqualTo("done");

        assertThat(script.calls()).isEqualTo(4);
        assertThat(delays.chosen()).hasSize(3);
        assertThat(delays.chosen().get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(delays.chosen().get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(delays.chosen().get(2)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
        assertThat(heard).containsExactly("request get 5xx", "retry get 1 5xx", "request get 5xx", "retry get 2 5xx",
                "request get 5xx", "retry get 3 5xx", "request get 2xx");
    }

    @Test
    void retriesStopAtMaxAttemptsWithTheLastFailureMapped() {
        Script script = new Script(http(503), http(503), http(503), http(502), "never");

        assertThatThrownBy(() -> executor(null).execute(GET, script))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(502));

        assertThat(script.calls()).isEqualTo(4);
        assertThat(delays.chosen()).hasSize(3);
    }

    @Test
    void aCreateIsSentOnceWhateverTheFailure() {
        Script script = new Script(http(503), "never");

        assertThatThrownBy(() -> executor(null).execute(CREATE, script))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(503));

        assertThat(script.calls()).isEqualTo(1);
        assertThat(heard).containsExactly("request create 5xx");
    }

    @Test
    void notImplementedAndClientErrorsAreNotRetried() {
        for (int code : new int[] {501, 400, 404, 409, 422}) {
            Script script = new Script(http(code), "never");

            assertThatThrownBy(() -> executor(null).execute(GET, script)).isInstanceOf(KgatewayException.class);

            assertThat(script.calls()).as("HTTP %d", code).isEqualTo(1);
        }
        assertThat(delays.chosen()).isEmpty();
    }

    @Test
    void throttlingIsRetriedAndHeardAs429() {
        Script script = new Script(http(429), "done");

        assertThat(executor(null).execute(GET, script)).isEqualTo("done");

        assertThat(heard).containsExactly("request get 4xx", "retry get 1 429", "request get 2xx");
    }

    @Test
    void aLostConnectionIsRetriedAndHeardByTheNameOfItsRootCause() {
        Script script = new Script(lost(new IOException("reset", new ConnectException("refused"))), "done");

        assertThat(executor(null).execute(GET, script)).isEqualTo("done");

        assertThat(heard).containsExactly("request get ConnectException", "retry get 1 ConnectException", "request get 2xx");
    }

    @Test
    void aRefusedCertificateIsNotRetried() {
        Script script = new Script(lost(new IOException(new SSLHandshakeException("PKIX"))), "never");

        assertThatThrownBy(() -> executor(null).execute(GET, script)).isInstanceOf(KgatewayApiException.class);

        assertThat(script.calls()).isEqualTo(1);
    }

    @Test
    void otherRuntimeFailuresAreHeardByNameAndRethrownUnchanged() {
        IllegalStateException odd = new IllegalStateException("closed");

        assertThatThrownBy(() -> executor(null).execute(GET, () -> {
            throw odd;
        })).isSameAs(odd);

        assertThat(heard).containsExactly("request get IllegalStateException");
    }

    @Test
    void eachOutcomeIsHeardWithTheTimeTheRequestTook() {
        RequestExecutor executor = executor(null);
        executor.execute(GET, () -> slowly(null));
        assertThatThrownBy(() -> executor.execute(GET, () -> slowly(http(404)))).isInstanceOf(KgatewayApiException.class);
        assertThatThrownBy(() -> executor.execute(GET, () -> slowly(new IllegalStateException("closed"))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(heard).containsExactly("request get 2xx", "request get 4xx", "request get IllegalStateException");
        assertThat(latencies).hasSize(3).allSatisfy(latency -> assertThat(latency).isBetween(Duration.ofMillis(20), Duration.ofSeconds(10)));
    }

    private static String slowly(RuntimeException failure) {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        return "done";
    }

    @Test
    void theServersRetryAfterSecondsAreWaited() {
        Script script = new Script(throttled(429, 3), "done");

        executor(null).execute(GET, script);

        assertThat(delays.chosen()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void theServersDelayIsCappedAtThirtySeconds() {
        Script script = new Script(throttled(429, 31), throttled(503, 30), "done");

        executor(null).execute(GET, script);

        assertThat(delays.chosen()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void aZeroRetryAfterSecondsFallsBackToBackoff() {
        Script script = new Script(throttled(429, 0), "done");

        executor(null).execute(GET, script);

        assertThat(delays.chosen()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(5), Duration.ofMillis(10)));
    }

    @Test
    void aRetryAfterHeaderIsWaitedAfter429And503() {
        RetryAfterHints hints = new RetryAfterHints();
        hints.after(null, HttpAnswers.withRetryAfter(429, "2"), null);
        Script script = new Script(http(429), http(503), "done");

        executor(hints).execute(GET, script);

        assertThat(delays.chosen()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterHeaderIsCappedAtThirtySeconds() {
        RetryAfterHints hints = new RetryAfterHints();
        hints.after(null, HttpAnswers.withRetryAfter(503, "3600"), null);

        executor(hints).execute(GET, new Script(http(503), "done"));

        assertThat(delays.chosen()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aRetryAfterHeaderDoesNotApplyToOtherServerErrors() {
        RetryAfterHints hints = new RetryAfterHints();
        hints.after(null, HttpAnswers.withRetryAfter(503, "2"), null);

        executor(hints).execute(GET, new Script(http(500), "done"));

        assertThat(delays.chosen()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(5), Duration.ofMillis(10)));
    }

    @Test
    void aZeroSecondRetryAfterHeaderFallsBackToBackoff() {
        RetryAfterHints hints = new RetryAfterHints();
        hints.after(null, HttpAnswers.withRetryAfter(429, "0"), null);

        executor(hints).execute(GET, new Script(http(429), "done"));

        assertThat(delays.chosen()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(5), Duration.ofMillis(10)));
    }

    @Test
    void aLostAnswerIsCheckedBeforeTheWriteIsRepeated() {
        Script script = new Script(http(500), "sent again");
        AtomicInteger asked = new AtomicInteger();

        String result = executor(null).execute(GET, script, lost -> {
            assertThat(lost.getCode()).isEqualTo(500);
            asked.incrementAndGet();
            return Optional.of("it landed");
        });

        assertThat(result).isEqualTo("it landed");
        assertThat(asked).hasValue(1);
        assertThat(script.calls()).isEqualTo(1);
    }

    @Test
    void aWriteThatDidNotLandIsSentAgain() {
        Script script = new Script(lost(new IOException("reset after send")), "sent again");

        String result = executor(null).execute(GET, script, lost -> Optional.empty());

        assertThat(result).isEqualTo("sent again");
        assertThat(script.calls()).isEqualTo(2);
    }

    @Test
    void throttlingAndRefusedConnectionsCannotHaveLandedSoAreNotChecked() {
        Script script = new Script(http(429), lost(new IOException(new ConnectException("refused"))), "sent again");

        String result = executor(null).execute(GET, script, lost -> {
            throw new AssertionError("asked whether a write landed that the server never handled");
        });

        assertThat(result).isEqualTo("sent again");
    }

    @Test
    void outcomeIsTheStatusClassOrTheRootCausesName() {
        assertThat(RequestExecutor.outcome(http(404))).isEqualTo("4xx");
        assertThat(RequestExecutor.outcome(http(100))).isEqualTo("1xx");
        assertThat(RequestExecutor.outcome(http(503))).isEqualTo("5xx");
        assertThat(RequestExecutor.outcome(lost(new IOException(new ConnectException("refused"))))).isEqualTo("ConnectException");
    }

    @Test
    void jitterKeepsBetweenHalfAndAllOfTheDelay() {
        for (int i = 0; i < 200; i++) {
            assertThat(RequestExecutor.jitter(Duration.ofMillis(100))).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(RequestExecutor.jitter(Duration.ofMillis(3))).isBetween(Duration.ofMillis(1), Duration.ofMillis(3));
        }
    }

    @Test
    void delaysOfOneMillisecondOrLessAreKept() {
        for (int i = 0; i < 20; i++) {
            assertThat(RequestExecutor.jitter(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
            assertThat(RequestExecutor.jitter(Duration.ZERO)).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void anInterruptedWaitThrowsAndKeepsTheInterrupt() {
        delays.close();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> RequestExecutor.sleep(Duration.ofSeconds(10)))
                    .isInstanceOf(KgatewayException.class).hasMessage("interrupted while waiting to retry")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void withoutATestHookTheDelayIsSlept() {
        delays.close();
        long start = System.nanoTime();

        RequestExecutor.sleep(Duration.ofMillis(20));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    }

    @Test
    void theExecutorKeepsItsPolicy() {
        assertThat(new RequestExecutor(POLICY).policy()).isSameAs(POLICY);
    }

    private RequestExecutor executor(RetryAfterHints hints) {
        return new RequestExecutor(POLICY, hints, listener);
    }

    private static KubernetesClientException http(int code) {
        Status status = new StatusBuilder().withCode(code).withMessage("HTTP " + code).build();
        return new KubernetesClientException("HTTP " + code, code, status);
    }

    private static KubernetesClientException throttled(int code, int retryAfterSeconds) {
        Status status = new StatusBuilder().withCode(code).withNewDetails().withRetryAfterSeconds(retryAfterSeconds).endDetails().build();
        return new KubernetesClientException("throttled", code, status);
    }

    private static KubernetesClientException lost(IOException cause) {
        return new KubernetesClientException("no answer", cause);
    }

    /** Answers each call with the next step: a failure to throw or a result to return. */
    private static final class Script implements Supplier<String> {
        private final Deque<Object> steps;
        private int calls;

        Script(Object... steps) {
            this.steps = new ArrayDeque<>(List.of(steps));
        }

        @Override
        public String get() {
            calls++;
            Object step = steps.removeFirst();
            if (step instanceof RuntimeException e) {
                throw e;
            }
            return (String) step;
        }

        int calls() {
            return calls;
        }
    }
}

package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.KgatewayClientListener;
import dev.kgateway.sdk.client.RetryPolicy;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one request: retries idempotent ones after 429, 5xx and lost connections with bounded,
 * jittered backoff (the server's retry delay wins when it gives one, capped at 30 s), then maps
 * failures to the SDK's exceptions. Non-idempotent requests (create) are repeated only after a
 * failure that proves nothing was stored (429, a connection that was never made): never twice stored.
 *
 * <p>A failure that may have come after the server committed the request (a 500 or 504, a
 * connection lost after the request was sent) is checked before the request is repeated, when the
 * caller says how ({@link Recovery}): a write whose answer was lost is then reported as done
 * instead of being sent again (which would give a spurious conflict, or a second deletion's 404).
 */
final class RequestExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestExecutor.class);
    static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(30);
    /** What kube-apiserver's API Priority and Fairness and max-in-flight limits always ask: {@code Retry-After: 1}. */
    static final Duration THROTTLED_DELAY = Duration.ofSeconds(1);

    /**
     * Test hook: replaces the sleep between attempts on the current thread (the SDK's retries run on
     * the caller's thread), so tests check the delays the client chose instead of the wall clock.
     */
    static final ThreadLocal<Consumer<Duration>> SLEEPER = new ThreadLocal<>();

    /** The start of the call the current thread is in (an {@code edit} spans several requests), for the call deadline. */
    private static final ThreadLocal<Long> CALL_START = new ThreadLocal<>();

    /**
     * Runs {@code body} as one call: requests inside it share its deadline. Nested calls join the outer one.
     */
    <T> T asOneCall(Supplier<T> body) {
        if (CALL_START.get() != null) {
            return body.get();
        }
        CALL_START.set(System.nanoTime());
        try {
            return body.get();
        } finally {
            CALL_START.remove();
        }
    }

    /** @return whether waiting {@code delay} more would pass the call deadline of the call started at {@code callStart} */
    boolean pastDeadline(long callStart, Duration delay) {
        Long outer = CALL_START.get();
        long start = outer != null ? outer : callStart;
        return System.nanoTime() - start + delay.toNanos() > policy.callDeadline().toNanos();
    }

    private final RetryPolicy policy;
    private final RetryAfterHints hints;
    private final KgatewayClientListener listener;

    RequestExecutor(RetryPolicy policy) {
        this(policy, null, KgatewayClientListener.NOOP);
    }

    /**
     * @param hints    the Retry-After headers the client's interceptor saw, or {@code null}
     * @param listener hears each attempt and each retry
     */
    RequestExecutor(RetryPolicy policy, RetryAfterHints hints, KgatewayClientListener listener) {
        this.policy = policy;
        this.hints = hints;
        this.listener = listener;
    }

    RetryPolicy policy() {
        return policy;
    }

    <T> T execute(Call call, Supplier<T> request) {
        return execute(call, request, null);
    }

    /**
     * @param recovery asked, before a retry that follows a failure the server may have committed,
     *                 whether the request took effect: its answer is then the result; {@code null} to
     *                 repeat the request without asking
     */
    <T> T execute(Call call, Supplier<T> request, Recovery<T> recovery) {
        Long outer = CALL_START.get();
        long callStart = outer != null ? outer : System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                T result = request.get();
                listener.onRequest(call.verb(), "2xx", Duration.ofNanos(System.nanoTime() - start));
                return result;
            } catch (KubernetesClientException e) {
                listener.onRequest(call.verb(), outcome(e), Duration.ofNanos(System.nanoTime() - start));
                // a create is repeated only when the server cannot have stored it: throttled, or never reached
                boolean safe = call.idempotent() || !mayHaveBeenApplied(e);
                if (!safe || attempt >= policy.maxAttempts() || !retryable(e)) {
                    throw ErrorMapper.map(e, call);
                }
                Duration delay = delay(e, attempt);
                if (pastDeadline(callStart, delay)) {
                    LOG.debug("{}: no retry past the call deadline of {}", call.describe(), policy.callDeadline());
                    throw ErrorMapper.map(e, call);
                }
                listener.onRetry(call.verb(), attempt, retryReason(e));
                LOG.debug("retrying {} after HTTP {} (attempt {} of {}, in {} ms)", call.describe(), ErrorMapper.responseCode(e), attempt + 1,
                        policy.maxAttempts(), delay.toMillis());
                sleep(delay);
                if (recovery != null && mayHaveBeenApplied(e)) {
                    Optional<T> done = recovery.tookEffect(e);
                    if (done.isPresent()) {
                        LOG.debug("{}: the server applied the request whose answer was lost (HTTP {})", call.describe(),
                                ErrorMapper.responseCode(e));
                        return done.get();
                    }
                }
            } catch (RuntimeException e) {
                listener.onRequest(call.verb(), e.getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - start));
                throw e;
            }
        }
    }

    /** @return the status class of the answer ({@code 4xx}, {@code 5xx}), or the simple name of the failure when none came */
    static String outcome(KubernetesClientException e) {
        int code = ErrorMapper.responseCode(e);
        return code >= 100 ? code / 100 + "xx" : noAnswerName(e);
    }

    private static String retryReason(KubernetesClientException e) {
        int code = ErrorMapper.responseCode(e);
        if (code == 429) {
            return "429";
        }
        return code >= 100 ? code / 100 + "xx" : noAnswerName(e);
    }

    /** The innermost cause's simple name ({@code ConnectException}): fabric8 wraps I/O failures. */
    private static String noAnswerName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    static boolean retryable(KubernetesClientException e) {
        int code = ErrorMapper.responseCode(e);
        return code == 429 || code >= 500 && code != 501 || ErrorMapper.noAnswer(e) && !ErrorMapper.tlsRefused(e);
    }

    /**
     * Whether the server may have committed a request that failed so: not after 429 (API Priority
     * and Fairness refuses before handling) nor when the connection was never made.
     */
    static boolean mayHaveBeenApplied(KubernetesClientException e) {
        int code = ErrorMapper.responseCode(e);
        if (code == 429) {
            return false;
        }
        return !ErrorMapper.causedBy(e, ConnectException.class);
    }

    Duration delay(KubernetesClientException e, int attempt) {
        Status status = e.getStatus();
        Duration server = null;
        if (status != null && status.getDetails() != null && status.getDetails().getRetryAfterSeconds() != null
                && status.getDetails().getRetryAfterSeconds() > 0) {
            server = Duration.ofSeconds(status.getDetails().getRetryAfterSeconds());
        } else if (hints != null && (e.getCode() == 429 || e.getCode() == 503)) {
            server = hints.recent().filter(d -> !d.isZero()).orElse(null);
        }
        boolean noDelayInStatus = status == null || status.getDetails() == null || status.getDetails().getRetryAfterSeconds() == null;
        if (server == null && hints == null && e.getCode() == 429 && noDelayInStatus) {
            // a fabric8 client passed in (KgatewayClient.from) shows the SDK no response headers, and
            // kube-apiserver's throttling answers carry their delay only in Retry-After: it is always 1 s
            server = THROTTLED_DELAY;
        }
        if (server != null) {
            return server.compareTo(MAX_SERVER_DELAY) > 0 ? MAX_SERVER_DELAY : server;
        }
        return jitter(policy.backoff(attempt));
    }

    /** Full jitter between half and all of the delay, so clients that failed together retry apart. */
    static Duration jitter(Duration delay) {
        long millis = delay.toMillis();
        return millis <= 1 ? delay : Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    static void sleep(Duration delay) {
        Consumer<Duration> hook = SLEEPER.get();
        if (hook != null) {
            hook.accept(delay);
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.kgateway.sdk.KgatewayException("interrupted while waiting to retry", e);
        }
    }

    /** How to learn whether a write whose answer was lost took effect. */
    @FunctionalInterface
    interface Recovery<T> {
        /**
         * @param lost the failure that lost the answer
         * @return the write's result when the server has applied it; empty when it has not (the
         *         request is then sent again)
         * @throws dev.kgateway.sdk.KgatewayException when the state proves the write can no longer succeed
         */
        Optional<T> tookEffect(KubernetesClientException lost);
    }
}

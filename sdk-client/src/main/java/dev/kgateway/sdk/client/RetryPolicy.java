package dev.kgateway.sdk.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries: idempotent requests after HTTP 429 (honouring the server's retry delay),
 * 5xx and lost connections; {@code edit} after conflicts; a create only after a failure that proves
 * nothing was stored (429, a connection never made), so a create is never stored twice. Delays grow
 * exponentially from {@code initialBackoff} to {@code maxBackoff}, with jitter. No call retries
 * past {@code callDeadline}: a retry that would start after it is not made, and the last failure is
 * thrown (as client-go bounds a call by its context).
 *
 * <pre>{@code
 * KgatewayClient.builder().retryPolicy(new RetryPolicy(5, 20, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(30))).build();
 * }</pre>
 *
 * @param maxAttempts         attempts of an idempotent request in all (1 = no retry)
 * @param maxConflictAttempts attempts of an {@code edit} in all
 * @param initialBackoff      first delay
 * @param maxBackoff          largest delay
 * @param callDeadline        how long one call (an {@code edit} with its conflict rounds, an {@code update} with its
 *                            retries) may keep retrying, counted from its start
 */
public record RetryPolicy(int maxAttempts, int maxConflictAttempts, Duration initialBackoff, Duration maxBackoff, Duration callDeadline) {

    /** The call deadline of policies made without one: one minute. */
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofMinutes(1);

    /** 4 attempts, 30 edit attempts, 50 ms growing to 2 s, one minute per call. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, 30, Duration.ofMillis(50), Duration.ofSeconds(2));

    /** Never retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, 1, Duration.ZERO, Duration.ZERO);

    /** A policy with the {@link #DEFAULT_CALL_DEADLINE}. */
    public RetryPolicy(int maxAttempts, int maxConflictAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, maxConflictAttempts, initialBackoff, maxBackoff, DEFAULT_CALL_DEADLINE);
    }

    /** Checks the values. */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(callDeadline, "callDeadline");
        if (callDeadline.isNegative() || callDeadline.isZero()) {
            throw new IllegalArgumentException("callDeadline must be positive");
        }
        if (maxAttempts < 1 || maxConflictAttempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
    }

    /**
     * @param retry 1 for the first retry, 2 for the second, ...
     * @return the delay before that retry, without jitter
     */
    public Duration backoff(int retry) {
        long millis = initialBackoff.toMillis() << Math.min(Math.max(retry - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /** @return this policy with another {@code callDeadline} */
    public RetryPolicy withCallDeadline(Duration deadline) {
        return new RetryPolicy(maxAttempts, maxConflictAttempts, initialBackoff, maxBackoff, deadline);
    }
}

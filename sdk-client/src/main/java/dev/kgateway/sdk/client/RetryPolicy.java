package dev.kgateway.sdk.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries: idempotent requests after HTTP 429 (honouring the server's retry delay),
 * 5xx and lost connections; and {@code edit} after conflicts. Creates are never retried, so a
 * create is never sent twice. Delays grow exponentially from {@code initialBackoff} to
 * {@code maxBackoff}, with jitter.
 *
 * <pre>{@code
 * KgatewayClient.builder().retryPolicy(new RetryPolicy(5, 20, Duration.ofMillis(50), Duration.ofSeconds(2))).build();
 * }</pre>
 *
 * @param maxAttempts         attempts of an idempotent request in all (1 = no retry)
 * @param maxConflictAttempts attempts of an {@code edit} in all
 * @param initialBackoff      first delay
 * @param maxBackoff          largest delay
 */
public record RetryPolicy(int maxAttempts, int maxConflictAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** 4 attempts, 30 edit attempts, 50 ms growing to 2 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, 30, Duration.ofMillis(50), Duration.ofSeconds(2));

    /** Never retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, 1, Duration.ZERO, Duration.ZERO);

    /** Checks the values. */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
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
}

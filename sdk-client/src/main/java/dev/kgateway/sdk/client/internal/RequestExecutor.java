package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.RetryPolicy;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs one request: retries idempotent ones after 429, 5xx and lost connections with bounded,
 * jittered backoff (the server's retry delay wins when it gives one), then maps failures to the
 * SDK's exceptions. Non-idempotent requests (create) run exactly once.
 */
final class RequestExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestExecutor.class);
    private static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(30);

    private final RetryPolicy policy;
    private final RetryAfterHints hints;

    RequestExecutor(RetryPolicy policy) {
        this(policy, null);
    }

    /** @param hints the Retry-After headers the client's interceptor saw, or {@code null} */
    RequestExecutor(RetryPolicy policy, RetryAfterHints hints) {
        this.policy = policy;
        this.hints = hints;
    }

    RetryPolicy policy() {
        return policy;
    }

    <T> T execute(Call call, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                if (!call.idempotent() || attempt >= policy.maxAttempts() || !retryable(e)) {
                    throw ErrorMapper.map(e, call);
                }
                Duration delay = delay(e, attempt);
                LOG.debug("retrying {} after HTTP {} (attempt {} of {}, in {} ms)", call.describe(), ErrorMapper.responseCode(e), attempt + 1,
                        policy.maxAttempts(), delay.toMillis());
                sleep(delay);
            }
        }
    }

    static boolean retryable(KubernetesClientException e) {
        int code = ErrorMapper.responseCode(e);
        return code == 429 || code >= 500 && code != 501 || ErrorMapper.noAnswer(e) && !ErrorMapper.tlsRefused(e);
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
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.kgateway.sdk.KgatewayException("interrupted while waiting to retry", e);
        }
    }
}

package dev.kgateway.sdk.client.internal;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the {@code Retry-After} header of the latest 429 or 503 answer: fabric8 does not carry
 * response headers into its exception, so a server (or a proxy in front of it) that gives its
 * delay only as a header, not as {@code Status.details.retryAfterSeconds}, would otherwise not be
 * heard. Installed as an interceptor on the clients {@code KgatewayClient} builds; the hint is the
 * client's latest, which is what throttling by the API server (per user) asks of the client.
 */
public final class RetryAfterHints implements Interceptor {

    /** The name the interceptor is installed under. */
    public static final String NAME = "kgateway-retry-after";

    /** A hint older than this belongs to another request. */
    private static final Duration FRESH = Duration.ofSeconds(5);

    private volatile long seconds = -1;
    private volatile long seenAt;

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        int code = response.code();
        if (code == 429 || code == 503) {
            long delay = parse(response.header("Retry-After"));
            if (delay >= 0) {
                seenAt = System.nanoTime();
                seconds = delay;
            }
        }
    }

    /** @return the delay of a Retry-After header received in the last 5 seconds */
    Optional<Duration> recent() {
        long delay = seconds;
        return delay >= 0 && System.nanoTime() - seenAt < FRESH.toNanos() ? Optional.of(Duration.ofSeconds(delay)) : Optional.empty();
    }

    /** @return the delay in seconds of a Retry-After value (delta-seconds or an HTTP date), or -1 */
    static long parse(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        try {
            return Math.max(0, Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                long until = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
                return Math.max(0, until - System.currentTimeMillis() / 1000);
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}

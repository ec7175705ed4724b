package dev.kgateway.sdk.embeddedapiserver.internal;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A watch over plain HTTP ({@code ?watch=true} without a WebSocket upgrade, as kubectl, client-go and
 * the official Java client watch): the events a {@link WatchStream} sends, one JSON object per line.
 * The mock web server cannot stream a body, so the answer is sent whole when the watch ends: at its
 * {@code timeoutSeconds}, or when the server closes it.
 */
final class PlainWatch implements WebSocket {

    /** How long a plain watch without {@code timeoutSeconds} stays open. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final StringBuilder lines = new StringBuilder();
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public RecordedRequest request() {
        return null;
    }

    @Override
    public synchronized boolean send(String text) {
        lines.append(text).append('\n');
        return true;
    }

    @Override
    public boolean send(byte[] bytes) {
        return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
        closed.countDown();
        return true;
    }

    /** Waits until the watch is closed or {@code timeout} passes. @return the lines sent */
    String await(Duration timeout) {
        try {
            closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return lines.toString();
        }
    }
}

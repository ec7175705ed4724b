package dev.kgateway.sdk.client.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the delays the client chooses between attempts on the current thread, instead of
 * sleeping them: tests check the client's decisions (Retry-After honoured, capped, backoff growing)
 * rather than the wall clock. Close it to sleep normally again.
 *
 * <pre>{@code
 * try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
 *     backends.get("openai");
 *     assertThat(delays.chosen()).containsExactly(Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public final class RetryDelays implements AutoCloseable {

    private final List<Duration> chosen = new CopyOnWriteArrayList<>();

    private RetryDelays() {
    }

    /** @return a recorder installed for the calling thread */
    public static RetryDelays recordOnThisThread() {
        RetryDelays delays = new RetryDelays();
        RequestExecutor.SLEEPER.set(delays.chosen::add);
        return delays;
    }

    /** @return the delays chosen so far, in order */
    public List<Duration> chosen() {
        return List.copyOf(chosen);
    }

    @Override
    public void close() {
        RequestExecutor.SLEEPER.remove();
    }
}

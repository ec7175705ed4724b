package dev.kgateway.sdk.client.metrics;

import dev.kgateway.sdk.client.KgatewayClientListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Objects;

/**
 * Records a {@link dev.kgateway.sdk.client.KgatewayClient}'s requests, retries, conflicts and
 * re-lists in a Micrometer {@link MeterRegistry}. Tags are low-cardinality: never a namespace or an
 * object name. Usually installed with {@code KgatewayClient.builder().meterRegistry(registry)}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 *   <tr><td>{@value #REQUESTS}</td><td>timer</td><td>{@code verb}, {@code outcome} ({@code 2xx}, {@code 4xx}, {@code 5xx}, exception name)</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>{@code verb}, {@code reason} ({@code 429}, {@code 5xx}, exception name)</td></tr>
 *   <tr><td>{@value #CONFLICTS_RETRIED}</td><td>counter</td><td>{@code verb}</td></tr>
 *   <tr><td>{@value #WATCH_RECONNECTS}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@value #WATCH_RELISTS}</td><td>counter</td><td>{@code reason} ({@code gone}, {@code undecodable})</td></tr>
 * </table>
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * KgatewayClient kgw = KgatewayClient.builder().meterRegistry(registry).build();
 * }</pre>
 *
 * <p>Micrometer is an optional dependency of the SDK: this is the only class that uses it, and
 * nothing loads it unless {@code meterRegistry(..)} is called.
 */
public final class MicrometerClientListener implements KgatewayClientListener {

    public static final String REQUESTS = "kgateway.client.requests";
    public static final String RETRIES = "kgateway.client.retries";
    public static final String CONFLICTS_RETRIED = "kgateway.client.conflicts.retried";
    public static final String WATCH_RECONNECTS = "kgateway.client.watch.reconnects";
    public static final String WATCH_RELISTS = "kgateway.client.watch.relists";

    private final MeterRegistry registry;
    private final Counter reconnects;

    /** @param registry where the meters go */
    public MicrometerClientListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.reconnects = Counter.builder(WATCH_RECONNECTS)
                .description("Backend watches opened again by the SDK after a re-list or an unreadable event")
                .register(registry);
    }

    @Override
    public void onRequest(String verb, String outcome, Duration latency) {
        Timer.builder(REQUESTS)
                .description("Requests (each attempt) the kgateway client sent to the Kubernetes API server")
                .tag("verb", verb)
                .tag("outcome", outcome)
                .register(registry)
                .record(latency);
    }

    @Override
    public void onRetry(String verb, int attempt, String reason) {
        Counter.builder(RETRIES)
                .description("Failed requests the kgateway client repeated")
                .tag("verb", verb)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void onConflictRetry(String verb) {
        Counter.builder(CONFLICTS_RETRIED)
                .description("Read-modify-writes that lost to a concurrent writer (409) and were tried again")
                .tag("verb", verb)
                .register(registry)
                .increment();
    }

    @Override
    public void onWatchReconnect() {
        reconnects.increment();
    }

    @Override
    public void onRelist(String reason) {
        Counter.builder(WATCH_RELISTS)
                .description("Backend watches that listed again because they could not resume")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public String toString() {
        return "MicrometerClientListener{registry=" + registry.getClass().getSimpleName() + "}";
    }
}

package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.KgatewayClientListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Calls each of the user's {@link KgatewayClientListener}s in turn; what one throws is logged and
 * never reaches a request or the next listener.
 */
public final class SafeListener implements KgatewayClientListener {

    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final List<KgatewayClientListener> listeners;

    private SafeListener(List<KgatewayClientListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** @return a listener calling each of {@code listeners}, or {@link KgatewayClientListener#NOOP} when there are none */
    public static KgatewayClientListener of(List<KgatewayClientListener> listeners) {
        return listeners.isEmpty() ? KgatewayClientListener.NOOP : new SafeListener(listeners);
    }

    @Override
    public void onRequest(String verb, String outcome, Duration latency) {
        each(l -> l.onRequest(verb, outcome, latency));
    }

    @Override
    public void onRetry(String verb, int attempt, String reason) {
        each(l -> l.onRetry(verb, attempt, reason));
    }

    @Override
    public void onConflictRetry(String verb) {
        each(l -> l.onConflictRetry(verb));
    }

    @Override
    public void onWatchReconnect() {
        each(KgatewayClientListener::onWatchReconnect);
    }

    @Override
    public void onRelist(String reason) {
        each(l -> l.onRelist(reason));
    }

    @Override
    public void onWarning(String warning) {
        each(l -> l.onWarning(warning));
    }

    private void each(Consumer<KgatewayClientListener> callback) {
        for (KgatewayClientListener listener : listeners) {
            try {
                callback.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("KgatewayClientListener {} threw {}; ignored", listener.getClass().getName(), e.getClass().getName());
            }
        }
    }
}

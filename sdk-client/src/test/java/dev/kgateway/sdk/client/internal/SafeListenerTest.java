package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.KgatewayClientListener;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's listeners hear every callback in order, and one that throws keeps neither the others nor the request from going on. */
class SafeListenerTest {

    @Test
    void noListenersIsTheListenerThatDoesNothing() {
        assertThat(SafeListener.of(List.of())).isSameAs(KgatewayClientListener.NOOP);
    }

    @Test
    void everyCallbackReachesEveryListenerPastOneThatThrows() {
        List<String> heard = new ArrayList<>();
        KgatewayClientListener throwing = new KgatewayClientListener() {
            @Override
            public void onRequest(String verb, String outcome, Duration latency) {
                throw new IllegalStateException("broken metrics");
            }

            @Override
            public void onRetry(String verb, int attempt, String reason) {
                throw new IllegalStateException("broken metrics");
            }

            @Override
            public void onConflictRetry(String verb) {
                throw new IllegalStateException("broken metrics");
            }

            @Override
            public void onWatchReconnect() {
                throw new IllegalStateException("broken metrics");
            }

            @Override
            public void onRelist(String reason) {
                throw new IllegalStateException("broken metrics");
            }
        };
        KgatewayClientListener recording = new KgatewayClientListener() {
            @Override
            public void onRequest(String verb, String outcome, Duration latency) {
                heard.add("request " + verb + " " + outcome + " " + latency.toMillis());
            }

            @Override
            public void onRetry(String verb, int attempt, String reason) {
                heard.add("retry " + verb + " " + attempt + " " + reason);
            }

            @Override
            public void onConflictRetry(String verb) {
                heard.add("conflict " + verb);
            }

            @Override
            public void onWatchReconnect() {
                heard.add("reconnect");
            }

            @Override
            public void onRelist(String reason) {
                heard.add("relist " + reason);
            }
        };
        KgatewayClientListener safe = SafeListener.of(List.of(throwing, recording, recording));

        safe.onRequest("get", "2xx", Duration.ofMillis(7));
        safe.onRetry("list", 2, "429");
        safe.onConflictRetry("update");
        safe.onWatchReconnect();
        safe.onRelist("gone");

        assertThat(heard).containsExactly("request get 2xx 7", "request get 2xx 7", "retry list 2 429", "retry list 2 429",
                "conflict update", "conflict update", "reconnect", "reconnect", "relist gone", "relist gone");
    }
}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A watch listener that records everything it is told, in order, as events and as a readable
 * timeline: {@code "ADDED a"}, {@code "MODIFIED b (relist)"}, {@code "relisted 2"}, {@code "error 500"},
 * {@code "undecodable MODIFIED b 102"}, {@code "closed"}.
 */
final class RecordingListener implements BackendWatchListener {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<BackendEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> timeline = new CopyOnWriteArrayList<>();
    private final List<KgatewayException> closes = new CopyOnWriteArrayList<>();
    private final List<KgatewayException> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(BackendEvent event) {
        events.add(event);
        timeline.add(describe(event));
    }

    @Override
    public void onRelist(int backendCount) {
        timeline.add("relisted " + backendCount);
    }

    @Override
    public void onClose(KgatewayException cause) {
        closes.add(cause);
        timeline.add("closed");
    }

    @Override
    public void onError(KgatewayException error) {
        errors.add(error);
        if (error instanceof UndecodableEventException u) {
            timeline.add("undecodable " + u.getEventType() + " " + u.getName() + " " + u.getResourceVersion());
        } else {
            timeline.add("error " + (error instanceof KgatewayApiException api ? api.getCode() : error.getClass().getSimpleName()));
        }
    }

    static String describe(BackendEvent event) {
        return event.type() + " " + event.backend().getMetadata().getName() + (event.fromRelist() ? " (relist)" : "");
    }

    List<BackendEvent> events() {
        return List.copyOf(events);
    }

    /** @return the events and calls so far, in order */
    List<String> timeline() {
        return List.copyOf(timeline);
    }

    List<KgatewayException> errors() {
        return List.copyOf(errors);
    }

    List<KgatewayException> closes() {
        return List.copyOf(closes);
    }

    /** Waits until {@code entry} (such as {@code "ADDED z"}) is in the timeline. */
    RecordingListener awaitEntry(String entry) {
        await().atMost(PATIENCE).until(() -> timeline.contains(entry));
        return this;
    }
}

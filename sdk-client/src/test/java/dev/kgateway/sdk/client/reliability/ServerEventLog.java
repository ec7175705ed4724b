package dev.kgateway.sdk.client.reliability;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's event history of the Backends of one namespace, as the server emitted it: a raw
 * WebSocket watch (the JDK's HTTP client, neither fabric8 nor the SDK) opened straight on the
 * embedded server, not through the proxy, so it is never cut, from the server's resourceVersion
 * when it opens. Every ADDED, MODIFIED and DELETED event is recorded as {@code "rv TYPE"} per
 * Backend. Against it the tests check that every event the SDK delivered is one the server
 * emitted.
 */
final class ServerEventLog implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> perName = new ConcurrentHashMap<>();
    private final AtomicLong lastResourceVersion = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private volatile boolean closedByServer;

    /** Opens the watch on the Backends of {@code namespace}, from resourceVersion {@code from}. */
    ServerEventLog(String serverUrl, String namespace, long from) throws Exception {
        lastResourceVersion.set(from);
        URI uri = URI.create(serverUrl.replaceFirst("^http", "ws")
                + "apis/gateway.kgateway.dev/v1alpha1/namespaces/" + namespace + "/backends?watch=true&resourceVersion=" + from);
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Recorder())
                .get(10, TimeUnit.SECONDS);
    }

    /** @return the events of Backend {@code name}, "rv TYPE", in the order emitted */
    List<String> historyOf(String name) {
        return List.copyOf(perName.getOrDefault(name, List.of()));
    }

    /** @return every event, "rv TYPE name" */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the resourceVersion of the last event received */
    long lastResourceVersion() {
        return lastResourceVersion.get();
    }

    /** Waits until the log has the event of resourceVersion {@code rv} (or a later one). @return whether it did in time */
    boolean awaitResourceVersion(long rv, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastResourceVersion.get() < rv && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return lastResourceVersion.get() >= rv;
    }

    /** @return whether the watch stayed open without a failure (nothing can have been missed) */
    boolean intact() {
        return !closedByServer && failure.get() == null;
    }

    @Override
    public void close() {
        socket.abort(); // the HTTP client's threads end with it (Java 17 has no HttpClient.close)
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                record(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure.set(error);
        }

        private void record(String text) {
            JsonNode event = JSON.readTree(text);
            String type = event.path("type").asString("");
            if (!type.equals("ADDED") && !type.equals("MODIFIED") && !type.equals("DELETED")) {
                return;
            }
            JsonNode meta = event.path("object").path("metadata");
            String name = meta.path("name").asString("?");
            long rv = Long.parseLong(meta.path("resourceVersion").asString("0"));
            lines.add(rv + " " + type + " " + name);
            perName.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(rv + " " + type);
            lastResourceVersion.accumulateAndGet(rv, Math::max);
        }
    }
}

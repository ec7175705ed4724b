package dev.kgateway.sdk.test;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The JDK's HTTP client, for requests no Kubernetes client would send and for reading watch frames as they are. */
final class RawHttp {

    record Answer(int code, java.util.Map<String, List<String>> headers, String body) {
        JsonNode json() {
            return Fixtures.JSON.readTree(body);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RawHttp() {
    }

    static Answer send(KgatewayTestServer server, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A watch read frame by frame: every text message the server sent, parsed. */
    static final class Frames implements WebSocket.Listener, AutoCloseable {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Frames open(KgatewayTestServer server, String pathAndQuery) {
            Frames frames = new Frames();
            frames.socket = HTTP.newWebSocketBuilder()
                    .buildAsync(URI.create(server.url().replaceFirst("^http", "ws") + pathAndQuery.substring(1)), frames)
                    .orTimeout(10, TimeUnit.SECONDS).join();
            return frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Fixtures.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        List<String> types() {
            return received.stream().map(n -> n.path("type").asString()).toList();
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}

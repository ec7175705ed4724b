package dev.kgateway.sdk.embeddedapiserver.internal;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One open watch: which objects it covers, and its own sender thread, so events go out in the
 * order the server queued them (resourceVersion order) and a slow client never holds the server's
 * lock or event loop. Events queued before the client's WebSocket opened are sent once it opens.
 */
final class WatchStream extends WebSocketListener {

    private final ResourceType type;
    private final String namespace;
    private final LabelSelector labels;
    private final FieldSelector fields;
    private final boolean bookmarks;
    private final String apiVersion;
    private final Consumer<WatchStream> onGone;
    private final ExecutorService sender;
    private final List<Runnable> pending = new ArrayList<>();
    private WebSocket socket;
    private boolean closed;

    WatchStream(ResourceType type, String namespace, LabelSelector labels, FieldSelector fields, boolean bookmarks,
                String apiVersion, Consumer<WatchStream> onGone) {
        this.type = type;
        this.namespace = namespace;
        this.labels = labels;
        this.fields = fields;
        this.bookmarks = bookmarks;
        this.apiVersion = apiVersion;
        this.onGone = onGone;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kgateway-test-watch");
            t.setDaemon(true);
            return t;
        });
    }

    boolean wantsBookmarks() {
        return bookmarks;
    }

    /** @return whether {@code object} (of any type) is one this watch covers */
    boolean covers(ResourceType objectType, JsonNode object) {
        if (object == null || !objectType.equals(type)) {
            return false;
        }
        if (namespace != null && !namespace.equals(Json.meta(object, "namespace"))) {
            return false;
        }
        return labels.matches(labelsOf(object)) && fields.matches(object);
    }

    static Map<String, String> labelsOf(JsonNode object) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Map.Entry<String, JsonNode> e : object.path("metadata").path("labels").properties()) {
            out.put(e.getKey(), e.getValue().asString());
        }
        return out;
    }

    /** Queues an event: {@code ADDED}, {@code MODIFIED}, {@code DELETED}, {@code BOOKMARK} or {@code ERROR}. */
    void event(String type, JsonNode object) {
        ObjectNode event = Json.object();
        event.put("type", type);
        event.set("object", object);
        String text = Json.write(event);
        submit(() -> socket.send(text));
    }

    /** Queues a BOOKMARK carrying only {@code resourceVersion}, as kube-apiserver sends them. */
    void bookmark(long resourceVersion) {
        event("BOOKMARK", bookmarkObject(resourceVersion));
    }

    /**
     * Queues the BOOKMARK that ends a watch-list's initial events ({@code sendInitialEvents=true}): it
     * carries the resourceVersion the objects were sent at and the annotation {@code k8s.io/initial-events-end: "true"}.
     */
    void initialEventsEnd(long resourceVersion) {
        ObjectNode object = bookmarkObject(resourceVersion);
        Json.metadata(object).putObject("annotations").put("k8s.io/initial-events-end", "true");
        event("BOOKMARK", object);
    }

    private ObjectNode bookmarkObject(long resourceVersion) {
        ObjectNode object = Json.object();
        object.put("kind", type.kind());
        object.put("apiVersion", apiVersion);
        Json.metadata(object).put("resourceVersion", Long.toString(resourceVersion));
        return object;
    }

    /** Queues closing the connection from the server side. */
    void close(int code, String reason) {
        submit(() -> socket.close(code, reason));
    }

    private synchronized void submit(Runnable send) {
        if (closed) {
            return;
        }
        if (socket == null) {
            pending.add(send);
        } else {
            sender.execute(guard(send));
        }
    }

    private static Runnable guard(Runnable send) {
        return () -> {
            try {
                send.run();
            } catch (RuntimeException e) {
                // the connection went away; onClosed or onFailure ends the stream
            }
        };
    }

    @Override
    public synchronized void onOpen(WebSocket webSocket, Response response) {
        socket = webSocket;
        pending.forEach(p -> sender.execute(guard(p)));
        pending.clear();
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        end();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        end();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        end();
    }

    /** Stops the stream for good: no more sends, the server forgets it. */
    void end() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending.clear();
        }
        sender.shutdown();
        onGone.accept(this);
    }
}

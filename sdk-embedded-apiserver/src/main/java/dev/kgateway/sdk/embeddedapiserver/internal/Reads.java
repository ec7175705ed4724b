package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;

/**
 * The read verbs: get, list (with {@code limit}/{@code continue} paging) and watch, over a WebSocket
 * or as a plain HTTP response that ends when the watch does. A watch from resourceVersion 0 (or none)
 * starts with the matching objects as {@code ADDED}; from a later one, with the history after it,
 * or 410 Expired when the history no longer reaches back that far. A watch-list
 * ({@code sendInitialEvents=true}) sends the objects, then a bookmark annotated
 * {@code k8s.io/initial-events-end}. A list with {@code resourceVersionMatch=Exact} at an older
 * resourceVersion, and a continued list, show the objects as they were then, rebuilt from the history.
 */
final class Reads {

    private final Storage storage;

    Reads(Storage storage) {
        this.storage = storage;
    }

    MockResponse get(Target t) {
        synchronized (storage.lock()) {
            ObjectNode found = storage.get(t.type(), t.namespace(), t.name());
            if (found == null) {
                throw ApiError.notFound(t);
            }
            return Status.json(200, Json.write(found));
        }
    }

    MockResponse list(Target t, RecordedCall call) {
        LabelSelector labels = Requests.labelSelector(call);
        FieldSelector fields = Requests.fieldSelector(call);
        int limit = Requests.intParam(call, "limit");
        String cont = call.queryParameter("continue");
        ListOptions.check(call);
        long exact = ListOptions.EXACT.equals(call.queryParameter("resourceVersionMatch"))
                ? resourceVersion(call.queryParameter("resourceVersion")) : -1;
        synchronized (storage.lock()) {
            String after = null;
            if (cont != null && !cont.isEmpty()) {
                ContinueToken token = ContinueToken.decode(cont);
                if (token.resourceVersion() < storage.compactedBelow()) {
                    throw new ApiError(Status.response(410, "Expired", "The provided continue parameter is too old to display a consistent list"
                            + " result. You can start a new list without the continue parameter, or use the continue token in this response"
                            + " to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list"
                            + " - objects that were created, modified, or deleted between the time the first chunk was returned and now may"
                            + " show up in the list."));
                }
                after = token.after();
                if (token.resourceVersion() < storage.currentResourceVersion()) {
                    exact = token.resourceVersion();
                }
            }
            long resourceVersion = storage.currentResourceVersion();
            List<ObjectNode> matching;
            if (exact >= 0 && exact < resourceVersion) {
                if (exact < storage.compactedBelow()) {
                    throw new ApiError(Status.response(410, "Expired", "The resourceVersion for the provided list is too old."));
                }
                // the objects as they were then, rebuilt from the history after it
                matching = storage.selectAt(exact, t.type(), t.namespace(), after, Storage.selectedBy(labels, fields));
                resourceVersion = exact;
            } else {
                matching = storage.select(t.type(), t.namespace(), after, Storage.selectedBy(labels, fields));
            }
            ObjectNode list = Json.object();
            list.put("apiVersion", t.apiVersion());
            list.put("kind", t.type().kind() + "List");
            ObjectNode meta = Json.metadata(list);
            meta.put("resourceVersion", Long.toString(resourceVersion));
            ArrayNode items = list.putArray("items");
            int count = limit > 0 ? Math.min(limit, matching.size()) : matching.size();
            for (int i = 0; i < count; i++) {
                items.add(matching.get(i));
            }
            if (count < matching.size()) {
                ObjectNode last = matching.get(count - 1);
                meta.put("continue", new ContinueToken(resourceVersion,
                        Storage.key(t.type(), Json.meta(last, "namespace"), Json.meta(last, "name"))).encode());
                meta.put("remainingItemCount", matching.size() - count);
            }
            return Status.json(200, Json.write(list));
        }
    }

    private static long resourceVersion(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiError(Status.badRequest("invalid resource version: " + value));
        }
    }

    MockResponse watch(Target t, RecordedCall call) {
        LabelSelector labels = Requests.labelSelector(call);
        FieldSelector fields = Requests.fieldSelector(call);
        boolean bookmarks = "true".equals(call.queryParameter("allowWatchBookmarks"));
        String since = call.queryParameter("resourceVersion");
        ListOptions.check(call);
        String initial = call.queryParameter("sendInitialEvents");
        WatchStream stream = new WatchStream(t.type(), t.namespace(), labels, fields, bookmarks, t.apiVersion(), storage::unwatch);
        synchronized (storage.lock()) {
            if ("true".equals(initial)) {
                // a watch-list: the objects as they are now, then a bookmark saying so, then the changes
                for (ObjectNode object : storage.select(t.type(), t.namespace(), null, o -> stream.covers(t.type(), o))) {
                    stream.event("ADDED", object);
                }
                if (bookmarks) {
                    stream.initialEventsEnd(storage.currentResourceVersion());
                }
            } else if (since == null || since.isEmpty() || since.equals("0")) {
                if (!"false".equals(initial)) {
                    for (ObjectNode object : storage.select(t.type(), t.namespace(), null, o -> stream.covers(t.type(), o))) {
                        stream.event("ADDED", object);
                    }
                }
            } else {
                long rv;
                try {
                    rv = Long.parseLong(since);
                } catch (NumberFormatException e) {
                    throw new ApiError(Status.badRequest("invalid resource version: " + since));
                }
                long compactedBelow = storage.compactedBelow();
                if (rv < compactedBelow) {
                    if (!Requests.webSocket(call)) {
                        return Status.response(410, "Expired", "too old resource version: " + rv + " (" + compactedBelow + ")");
                    }
                    stream.event("ERROR", Status.body(410, "Expired", "too old resource version: " + rv + " (" + compactedBelow + ")", null));
                    stream.close(1000, "expired");
                    return new MockResponse().withWebSocketUpgrade(stream);
                }
                storage.replay(stream, rv);
            }
            storage.watch(stream);
        }
        String timeout = call.queryParameter("timeoutSeconds");
        if (!Requests.webSocket(call)) {
            Duration open = timeout == null || timeout.isEmpty() ? PlainWatch.DEFAULT_TIMEOUT : Duration.ofSeconds(Long.parseLong(timeout));
            PlainWatch plain = new PlainWatch();
            stream.onOpen(plain, null);
            String body = plain.await(open);
            stream.end();
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
        }
        if (timeout != null && !timeout.isEmpty()) {
            Timers.schedule(() -> stream.close(1000, "timeout"), Duration.ofSeconds(Long.parseLong(timeout)));
        }
        return new MockResponse().withWebSocketUpgrade(stream);
    }
}

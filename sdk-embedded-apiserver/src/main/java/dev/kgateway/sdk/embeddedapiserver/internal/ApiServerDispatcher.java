package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.embeddedapiserver.RequestInterceptor;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The embedded API server behind fabric8's {@code MockWebServer}: every request is logged first, then
 * offered to the interceptor (faults and test hooks), then routed ({@link Routes}) and handed to its
 * verb ({@link Reads}, {@link Writes}, {@link Deletes}), which work on the {@link Storage} under its
 * one lock; an {@link ApiError} or any other failure becomes the answer, and the configured latency
 * delays its body. Also the test server's controls over requests, history and watches.
 */
public final class ApiServerDispatcher extends Dispatcher {

    private static final Set<String> REDACTED_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final List<RecordedCall> log = new CopyOnWriteArrayList<>();
    private final RequestInterceptor interceptor;
    private final Supplier<Duration> latency;
    private final Storage storage;
    private final Routes routes;
    private final Reads reads;
    private final Writes writes;
    private final Deletes deletes;

    /** @param interceptor faults and test hooks: answers before the server, or changes its answer after */
    public ApiServerDispatcher(Admission admission, int historyLimit, RequestInterceptor interceptor, Supplier<Duration> latency) {
        Objects.requireNonNull(admission, "admission");
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
        this.latency = latency;
        this.storage = new Storage(historyLimit);
        this.routes = new Routes(storage);
        this.reads = new Reads(storage);
        this.writes = new Writes(storage, admission);
        this.deletes = new Deletes(storage);
    }

    // ------------------------------------------------------------------ the test server's controls

    /** @return every request so far, in order */
    public List<RecordedCall> requests() {
        return List.copyOf(log);
    }

    public void clearRequests() {
        log.clear();
    }

    /** @return the newest resourceVersion handed out */
    public long currentResourceVersion() {
        return storage.currentResourceVersion();
    }

    /** Closes every open watch from the server side, as a restarting API server or a load balancer does. */
    public int dropWatches() {
        return storage.dropWatches();
    }

    /** Forgets the event history: watches and continue tokens from before now get 410 Gone / Expired. */
    public void expireHistory() {
        storage.expireHistory();
    }

    /** Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks. */
    public void sendBookmarks() {
        storage.sendBookmarks();
    }

    /** @return how many watches are open */
    public int openWatches() {
        return storage.openWatches();
    }

    @Override
    public void shutdown() {
        storage.shutdown();
    }

    // ------------------------------------------------------------------ dispatch

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        RecordedCall call = record(request);
        log.add(call);
        MockResponse response = interceptor.before(call);
        if (response == null) {
            try {
                response = handle(call, request);
            } catch (ApiError e) {
                response = e.response();
            } catch (RuntimeException e) {
                response = Status.response(500, "InternalError", "Internal error occurred: " + e);
            }
            response = interceptor.after(call, response);
        }
        Duration delay = latency.get();
        if (!delay.isZero() && response.getWebSocketListener() == null) {
            response.setBodyDelay(delay);
        }
        return response;
    }

    private static RecordedCall record(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : full.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().toMultimap().forEach((name, values) -> headers.put(name,
                REDACTED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? List.of("<redacted>") : List.copyOf(values)));
        return new RecordedCall(request.getMethod(), q < 0 ? full : full.substring(0, q), query,
                request.getHeader("Content-Type"), Redaction.secrets(body(request)), headers);
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private MockResponse handle(RecordedCall call, RecordedRequest request) {
        MockResponse fixed = routes.fixed(call.path());
        if (fixed != null) {
            return fixed;
        }
        Target target = routes.target(call.path());
        if (target == null) {
            return Status.response(404, "NotFound", "the server could not find the requested resource");
        }
        String body = body(request);
        if (!call.method().equals("GET") && "All".equals(call.queryParameter("dryRun"))) {
            return storage.dryRun(() -> verb(call, target, body));
        }
        return verb(call, target, body);
    }

    private MockResponse verb(RecordedCall call, Target target, String body) {
        boolean item = target.name() != null;
        return switch (call.method()) {
            case "GET" -> item ? reads.get(target) : call.isWatch() ? reads.watch(target, call) : reads.list(target, call);
            case "POST" -> item ? Status.methodNotAllowed() : writes.create(target, call, body);
            case "PUT" -> item ? writes.update(target, call, body) : Status.methodNotAllowed();
            case "PATCH" -> item ? writes.patch(target, call, body) : Status.methodNotAllowed();
            case "DELETE" -> item ? deletes.delete(target, body) : deletes.deleteCollection(target, call);
            default -> Status.methodNotAllowed();
        };
    }
}

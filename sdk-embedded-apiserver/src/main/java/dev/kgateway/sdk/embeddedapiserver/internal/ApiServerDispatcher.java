package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.AdmissionRequest;
import dev.kgateway.sdk.embeddedapiserver.AdmissionResult;
import dev.kgateway.sdk.embeddedapiserver.FieldCause;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.embeddedapiserver.RequestInterceptor;
import dev.kgateway.sdk.embeddedapiserver.internal.FieldPaths.Part;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The embedded API server's behaviour behind fabric8's {@code MockWebServer}: storage, field
 * management, admission, lists, watches. Every request is logged first, then offered to the fault
 * plan, then handled under one lock (writes and the events they cause are ordered by
 * resourceVersion).
 */
public final class ApiServerDispatcher extends Dispatcher {

    /** A change, as watches are sent it. */
    private record Event(long resourceVersion, String type, ResourceType resourceType, ObjectNode object, ObjectNode previous) {
    }

    /** A parsed request path. */
    private record Target(ResourceType type, String version, String namespace, String name, String subresource) {
    }

    private final Object lock = new Object();
    private final NavigableMap<String, ObjectNode> objects = new TreeMap<>();
    private final Map<String, ResourceType> types = new ConcurrentHashMap<>();
    private final Deque<Event> history = new ArrayDeque<>();
    private final List<WatchStream> watches = new CopyOnWriteArrayList<>();
    private final List<RecordedCall> log = new CopyOnWriteArrayList<>();
    private final Admission admission;
    private final int historyLimit;
    private final RequestInterceptor interceptor;
    private final Supplier<Duration> latency;
    private long resourceVersion = 100;
    private long compactedBelow;
    /** Set while a dry-run write runs (under the lock): it publishes no event. */
    private boolean dryRunning;

    /** @param interceptor faults and test hooks: answers before the server, or changes its answer after */
    public ApiServerDispatcher(Admission admission, int historyLimit, RequestInterceptor interceptor, Supplier<Duration> latency) {
        this.admission = Objects.requireNonNull(admission, "admission");
        this.historyLimit = historyLimit;
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
        this.latency = latency;
        register(ResourceType.NAMESPACES);
        register(ResourceType.CRDS);
        for (String ns : List.of("default", "kube-system", "kube-public")) {
            ObjectNode namespace = Json.object();
            namespace.put("apiVersion", "v1");
            namespace.put("kind", "Namespace");
            Json.metadata(namespace).put("name", ns);
            store(ResourceType.NAMESPACES, null, ns, stamp(namespace, null), null, "v1");
        }
    }

    private void register(ResourceType type) {
        types.put(type.group() + "/" + type.plural(), type);
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
        synchronized (lock) {
            return resourceVersion;
        }
    }

    /** Closes every open watch from the server side, as a restarting API server or a load balancer does. */
    public int dropWatches() {
        List<WatchStream> open = List.copyOf(watches);
        open.forEach(w -> w.close(1001, "going away"));
        return open.size();
    }

    /** Forgets the event history: watches and continue tokens from before now get 410 Gone / Expired. */
    public void expireHistory() {
        synchronized (lock) {
            history.clear();
            compactedBelow = resourceVersion;
        }
    }

    /** Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks. */
    public void sendBookmarks() {
        synchronized (lock) {
            for (WatchStream w : watches) {
                if (w.wantsBookmarks()) {
                    w.bookmark(resourceVersion);
                }
            }
        }
    }

    /** @return how many watches are open */
    public int openWatches() {
        return watches.size();
    }

    @Override
    public void shutdown() {
        watches.forEach(WatchStream::end);
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
                response = e.response;
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
                Set.of("authorization", "proxy-authorization", "cookie").contains(name.toLowerCase(java.util.Locale.ROOT))
                        ? List.of("<redacted>") : List.copyOf(values)));
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        return new RecordedCall(request.getMethod(), q < 0 ? full : full.substring(0, q), query,
                request.getHeader("Content-Type"), Redaction.secrets(body), headers);
    }

    private MockResponse handle(RecordedCall call, RecordedRequest request) {
        String path = call.path();
        if (path.equals("/version")) {
            return Status.json(200, "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.0-kgateway-sdk-test\",\"platform\":\"linux/amd64\"}");
        }
        MockResponse discovery = discovery(path);
        if (discovery != null) {
            return discovery;
        }
        Target target = target(path);
        if (target == null) {
            return Status.response(404, "NotFound", "the server could not find the requested resource");
        }
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        if (!call.method().equals("GET") && "All".equals(call.queryParameter("dryRun"))) {
            return dryRun(() -> dispatchVerb(call, target, body));
        }
        return dispatchVerb(call, target, body);
    }

    /**
     * A write with {@code dryRun=All}: admitted, defaulted and answered as it would be, then forgotten,
     * as kube-apiserver does (it never reaches etcd): no object, resourceVersion, history or watch event changes.
     */
    private MockResponse dryRun(Supplier<MockResponse> write) {
        synchronized (lock) {
            NavigableMap<String, ObjectNode> savedObjects = new TreeMap<>();
            objects.forEach((k, v) -> savedObjects.put(k, v.deepCopy()));
            Map<String, ResourceType> savedTypes = Map.copyOf(types);
            List<Event> savedHistory = List.copyOf(history);
            long savedVersion = resourceVersion;
            long savedCompacted = compactedBelow;
            dryRunning = true;
            try {
                return write.get();
            } finally {
                dryRunning = false;
                objects.clear();
                objects.putAll(savedObjects);
                types.clear();
                types.putAll(savedTypes);
                history.clear();
                history.addAll(savedHistory);
                resourceVersion = savedVersion;
                compactedBelow = savedCompacted;
            }
        }
    }

    private MockResponse dispatchVerb(RecordedCall call, Target target, String body) {
        boolean item = target.name() != null;
        return switch (call.method()) {
            case "GET" -> item ? get(target) : call.isWatch() ? watch(target, call) : list(target, call);
            case "POST" -> item ? Status.response(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
                    : create(target, call, body);
            case "PUT" -> item ? update(target, call, body) : methodNotAllowed();
            case "PATCH" -> item ? patch(target, call, body) : methodNotAllowed();
            case "DELETE" -> item ? delete(target, body) : deleteCollection(target, call);
            default -> methodNotAllowed();
        };
    }

    /** {@code /api/v1} and {@code /apis/<group>/<version>}: the resources served there, for clients that discover plurals. */
    private MockResponse discovery(String path) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        String group;
        String version;
        if (p.length == 2 && p[0].equals("api")) {
            group = "";
            version = p[1];
        } else if (p.length == 3 && p[0].equals("apis")) {
            group = p[1];
            version = p[2];
        } else {
            return null;
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types.values()) {
            if (type.group().equals(group) && type.versions().contains(version)) {
                ObjectNode r = resources.addObject();
                r.put("name", type.plural());
                r.put("singularName", type.kind().toLowerCase(java.util.Locale.ROOT));
                r.put("namespaced", type.namespaced());
                r.put("kind", type.kind());
                ArrayNode verbs = r.putArray("verbs");
                List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
                if (type.statusSubresource()) {
                    ObjectNode s = resources.addObject();
                    s.put("name", type.plural() + "/status");
                    s.put("singularName", "");
                    s.put("namespaced", type.namespaced());
                    s.put("kind", type.kind());
                    ArrayNode sv = s.putArray("verbs");
                    List.of("get", "patch", "update").forEach(sv::add);
                }
            }
        }
        return resources.isEmpty() ? null : Status.json(200, Json.write(list));
    }

    private static MockResponse methodNotAllowed() {
        return Status.response(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }

    /** Parses {@code /api/v1/...} and {@code /apis/group/version/...}; {@code null} when no known type. */
    private Target target(String path) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        String group;
        String version;
        int i;
        if (p.length >= 2 && p[0].equals("api")) {
            group = "";
            version = p[1];
            i = 2;
        } else if (p.length >= 3 && p[0].equals("apis")) {
            group = p[1];
            version = p[2];
            i = 3;
        } else {
            return null;
        }
        String namespace = null;
        if (p.length > i + 2 && p[i].equals("namespaces")) {
            namespace = p[i + 1];
            i += 2;
        }
        if (p.length <= i) {
            return null;
        }
        ResourceType type = types.get(group + "/" + p[i]);
        if (type == null || !type.versions().contains(version) || (namespace != null && !type.namespaced())) {
            return null;
        }
        String name = p.length > i + 1 ? p[i + 1] : null;
        String sub = p.length > i + 2 ? p[i + 2] : null;
        if (p.length > i + 3 || (sub != null && !(sub.equals("status") && type.statusSubresource()))) {
            return null;
        }
        return new Target(type, version, namespace, name, sub);
    }

    private static String key(ResourceType type, String namespace, String name) {
        return type.group() + "/" + type.plural() + "/" + (namespace == null ? "" : namespace) + "/" + (name == null ? "" : name);
    }

    private static String prefix(ResourceType type, String namespace) {
        return type.group() + "/" + type.plural() + "/" + (namespace == null ? "" : namespace + "/");
    }

    // ------------------------------------------------------------------ reads

    private MockResponse get(Target t) {
        synchronized (lock) {
            ObjectNode found = objects.get(key(t.type(), t.namespace(), t.name()));
            if (found == null) {
                throw new ApiError(Status.notFound(t.type().plural(), t.type().group(), t.name()));
            }
            return Status.json(200, Json.write(found));
        }
    }

    private MockResponse list(Target t, RecordedCall call) {
        LabelSelector labels = labelSelector(call);
        FieldSelector fields = fieldSelector(call);
        int limit = intParam(call, "limit");
        String cont = call.queryParameter("continue");
        synchronized (lock) {
            String after = null;
            if (cont != null && !cont.isEmpty()) {
                ContinueToken token = ContinueToken.decode(cont);
                if (token.resourceVersion() < compactedBelow) {
                    throw new ApiError(Status.response(410, "Expired", "The provided continue parameter is too old to display a consistent list"
                            + " result. You can start a new list without the continue parameter, or use the continue token in this response"
                            + " to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list"
                            + " - objects that were created, modified, or deleted between the time the first chunk was returned and now may"
                            + " show up in the list."));
                }
                after = token.after();
            }
            String from = prefix(t.type(), t.namespace());
            List<ObjectNode> matching = new ArrayList<>();
            for (Map.Entry<String, ObjectNode> e : objects.tailMap(from, true).entrySet()) {
                if (!e.getKey().startsWith(from)) {
                    break;
                }
                if (after != null && e.getKey().compareTo(after) <= 0) {
                    continue;
                }
                if (labels.matches(WatchStream.labelsOf(e.getValue())) && fields.matches(e.getValue())) {
                    matching.add(e.getValue());
                }
            }
            ObjectNode list = Json.object();
            list.put("apiVersion", t.type().apiVersion(t.version()));
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
                        key(t.type(), Json.meta(last, "namespace"), Json.meta(last, "name"))).encode());
                meta.put("remainingItemCount", matching.size() - count);
            }
            return Status.json(200, Json.write(list));
        }
    }

    private MockResponse watch(Target t, RecordedCall call) {
        LabelSelector labels = labelSelector(call);
        FieldSelector fields = fieldSelector(call);
        boolean bookmarks = "true".equals(call.queryParameter("allowWatchBookmarks"));
        String since = call.queryParameter("resourceVersion");
        WatchStream stream = new WatchStream(t.type(), t.namespace(), labels, fields, bookmarks, t.type().apiVersion(t.version()), watches::remove);
        synchronized (lock) {
            if (since == null || since.isEmpty() || since.equals("0")) {
                String from = prefix(t.type(), t.namespace());
                for (Map.Entry<String, ObjectNode> e : objects.tailMap(from, true).entrySet()) {
                    if (!e.getKey().startsWith(from)) {
                        break;
                    }
                    if (stream.covers(t.type(), e.getValue())) {
                        stream.event("ADDED", e.getValue());
                    }
                }
            } else {
                long rv;
                try {
                    rv = Long.parseLong(since);
                } catch (NumberFormatException e) {
                    throw new ApiError(Status.badRequest("invalid resource version: " + since));
                }
                if (rv < compactedBelow) {
                    if (!webSocket(call)) {
                        return Status.response(410, "Expired", "too old resource version: " + rv + " (" + compactedBelow + ")");
                    }
                    stream.event("ERROR", Status.body(410, "Expired", "too old resource version: " + rv + " (" + compactedBelow + ")", null));
                    stream.close(1000, "expired");
                    return new MockResponse().withWebSocketUpgrade(stream);
                }
                for (Event e : history) {
                    if (e.resourceVersion() > rv) {
                        send(stream, e);
                    }
                }
            }
            watches.add(stream);
        }
        String timeout = call.queryParameter("timeoutSeconds");
        if (!webSocket(call)) {
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

    private static boolean webSocket(RecordedCall call) {
        String upgrade = call.header("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static void send(WatchStream stream, Event e) {
        boolean before = stream.covers(e.resourceType(), e.previous());
        boolean after = stream.covers(e.resourceType(), e.object());
        if (e.type().equals("DELETED")) {
            if (before || after) {
                stream.event("DELETED", e.object());
            }
        } else if (before && after) {
            stream.event("MODIFIED", e.object());
        } else if (after) {
            stream.event("ADDED", e.object());
        } else if (before) {
            // no longer selected: the watcher sees it go
            stream.event("DELETED", e.object());
        }
    }

    // ------------------------------------------------------------------ writes

    private MockResponse create(Target t, RecordedCall call, String body) {
        ObjectNode object = parseObject(body, false);
        ObjectNode meta = Json.metadata(object);
        synchronized (lock) {
            String name = Json.meta(object, "name");
            if ((name == null || name.isEmpty()) && Json.meta(object, "generateName") != null) {
                name = Json.meta(object, "generateName") + UUID.randomUUID().toString().substring(0, 5);
                meta.put("name", name);
            }
            if (name == null || name.isEmpty()) {
                throw invalid(t, "", List.of(new FieldCause("metadata.name", FieldCause.REQUIRED, "Required value: name or generateName is required")));
            }
            checkName(t, name);
            checkNamespace(t, object);
            String key = key(t.type(), t.namespace(), name);
            if (objects.containsKey(key)) {
                throw new ApiError(Status.response(409, "AlreadyExists", Status.qualified(t.type().plural(), t.type().group()) + " \"" + name
                        + "\" already exists", Status.details(name, t.type().group(), t.type().plural(), null)));
            }
            if (t.type().statusSubresource()) {
                object.remove("status");
            }
            object.put("apiVersion", t.type().apiVersion(t.version()));
            object.put("kind", t.type().kind());
            ObjectNode stored = admit(t, "CREATE", null, stamp(object, t.namespace()), null);
            FieldManager.recordUpdate(null, stored, t.type(), manager(call), t.type().apiVersion(t.version()), now(), Part.MAIN);
            return Status.json(201, Json.write(store(t.type(), t.namespace(), name, stored, null, t.version())));
        }
    }

    private static final java.util.regex.Pattern DNS1123_SUBDOMAIN =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** kube-apiserver's check of a new object's name: a DNS-1123 subdomain (a label for namespaces), in its words. */
    private static void checkName(Target t, String name) {
        List<String> problems = new ArrayList<>();
        boolean label = t.type() == ResourceType.NAMESPACES;
        if (name.length() > (label ? 63 : 253)) {
            problems.add("must be no more than " + (label ? 63 : 253) + " characters");
        }
        if (label ? !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") : !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            problems.add(label
                    ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with"
                            + " an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                    : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end"
                            + " with an alphanumeric character (e.g. 'example.com', regex used for validation is"
                            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
        if (!problems.isEmpty()) {
            throw invalid(t, name, List.of(new FieldCause("metadata.name", FieldCause.INVALID,
                    "Invalid value: \"" + name + "\": " + String.join(", ", problems))));
        }
    }

    private MockResponse update(Target t, RecordedCall call, String body) {
        ObjectNode sent = parseObject(body, false);
        synchronized (lock) {
            ObjectNode old = existing(t);
            String rv = Json.meta(sent, "resourceVersion");
            if ((rv == null || rv.isEmpty()) && t.type().crd() != null) {
                throw invalid(t, t.name(), List.of(new FieldCause("metadata.resourceVersion", FieldCause.INVALID,
                        "Invalid value: 0x0: must be specified for an update")));
            }
            if (!t.name().equals(Json.meta(sent, "name"))) {
                throw new ApiError(Status.badRequest("the name of the object (" + Json.meta(sent, "name")
                        + ") does not match the name on the URL (" + t.name() + ")"));
            }
            checkNamespace(t, sent);
            checkResourceVersion(t, old, rv);
            return Status.json(200, Json.write(write(t, call, old, sent)));
        }
    }

    private MockResponse patch(Target t, RecordedCall call, String body) {
        String type = call.contentType() == null ? "" : call.contentType().split(";")[0].trim();
        synchronized (lock) {
            if (type.equals("application/apply-patch+yaml")) {
                return apply(t, call, body);
            }
            ObjectNode old = existing(t);
            JsonNode patched;
            try {
                switch (type) {
                    case "application/merge-patch+json" -> patched = MergePatch.apply(old, Json.read(body));
                    // kube-apiserver (evanphx/json-patch) refuses to remove a member that is not there
                    case "application/json-patch+json" -> patched = JsonPatch.apply(Json.read(body), old,
                            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT));
                    case "application/strategic-merge-patch+json" -> {
                        if (t.type().crd() != null) {
                            throw new ApiError(Status.response(415, "UnsupportedMediaType",
                                    "the body of the request was in an unknown format - accepted media types include: application/json-patch+json,"
                                            + " application/merge-patch+json, application/apply-patch+yaml"));
                        }
                        patched = MergePatch.apply(old, Json.read(body));
                    }
                    default -> throw new ApiError(Status.response(415, "UnsupportedMediaType",
                            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json,"
                                    + " application/merge-patch+json, application/apply-patch+yaml"));
                }
            } catch (JacksonException e) {
                throw new ApiError(Status.badRequest("error decoding patch: " + e.getOriginalMessage()));
            } catch (ApiError e) {
                throw e;
            } catch (RuntimeException e) {
                // zjsonpatch: a failed test, a missing path
                throw new ApiError(Status.response(422, "Invalid", "the server rejected our request due to an error in our request: " + e.getMessage()));
            }
            if (!(patched instanceof ObjectNode sent)) {
                throw new ApiError(Status.badRequest("the patch did not produce an object"));
            }
            String rv = Json.meta(sent, "resourceVersion");
            checkResourceVersion(t, old, rv);
            return Status.json(200, Json.write(write(t, call, old, sent)));
        }
    }

    private MockResponse apply(Target t, RecordedCall call, String body) {
        String manager = call.queryParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            throw new ApiError(Status.response(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                    + " for apply patch", Status.details("", "meta.k8s.io", "PatchOptions",
                    List.of(new Status.Cause(FieldCause.REQUIRED, "Required value: is required for apply patch", "fieldManager")))));
        }
        ObjectNode applied = parseObject(body, true);
        boolean force = "true".equals(call.queryParameter("force"));
        if (Json.meta(applied, "name") != null && !t.name().equals(Json.meta(applied, "name"))) {
            throw new ApiError(Status.badRequest("the name of the object (" + Json.meta(applied, "name")
                    + ") does not match the name on the URL (" + t.name() + ")"));
        }
        checkNamespace(t, applied);
        Part part = "status".equals(t.subresource()) ? Part.STATUS : Part.MAIN;
        String apiVersion = t.type().apiVersion(t.version());
        ObjectNode old = objects.get(key(t.type(), t.namespace(), t.name()));
        if (old != null) {
            checkResourceVersion(t, old, Json.meta(applied, "resourceVersion"));
        }
        ObjectNode merged;
        try {
            merged = FieldManager.apply(old, applied, t.type(), manager, force, apiVersion, now(), part);
        } catch (FieldManager.ConflictException e) {
            List<Status.Cause> causes = e.conflicts().stream()
                    .map(c -> new Status.Cause("FieldManagerConflict", "conflict with " + c.manager(), FieldPaths.print(c.path()))).toList();
            throw new ApiError(Status.response(409, "Conflict", e.getMessage(), Status.details(null, null, null, causes)));
        }
        if (old == null) {
            if (part == Part.STATUS) {
                throw new ApiError(Status.notFound(t.type().plural(), t.type().group(), t.name()));
            }
            checkName(t, t.name());
            ObjectNode meta = Json.metadata(merged);
            meta.put("name", t.name());
            if (t.namespace() != null) {
                meta.put("namespace", t.namespace());
            }
            checkNamespace(t, merged);
            merged.put("apiVersion", apiVersion);
            merged.put("kind", t.type().kind());
            JsonNode managed = meta.get("managedFields");
            ObjectNode stored = admit(t, "CREATE", null, stamp(merged, t.namespace()), null);
            if (managed != null) {
                Json.metadata(stored).set("managedFields", managed);
            }
            return Status.json(201, Json.write(store(t.type(), t.namespace(), t.name(), stored, null, t.version())));
        }
        return Status.json(200, Json.write(finishWrite(t, old, merged, part)));
    }

    /** An update or patch: the main resource ignores status, the status subresource changes only status. */
    private ObjectNode write(Target t, RecordedCall call, ObjectNode old, ObjectNode sent) {
        Part part = "status".equals(t.subresource()) ? Part.STATUS : Part.MAIN;
        ObjectNode next;
        if (part == Part.STATUS) {
            next = old.deepCopy();
            if (sent.has("status")) {
                next.set("status", sent.get("status"));
            } else {
                next.remove("status");
            }
        } else {
            next = sent.deepCopy();
            if (t.type().statusSubresource()) {
                if (old.has("status")) {
                    next.set("status", old.get("status"));
                } else {
                    next.remove("status");
                }
            }
            ObjectNode meta = Json.metadata(next);
            ObjectNode oldMeta = Json.metadata(old);
            for (String serverOwned : List.of("uid", "creationTimestamp", "generation", "deletionTimestamp", "managedFields", "name", "namespace")) {
                if (oldMeta.has(serverOwned)) {
                    meta.set(serverOwned, oldMeta.get(serverOwned));
                } else {
                    meta.remove(serverOwned);
                }
            }
        }
        next.put("apiVersion", t.type().apiVersion(t.version()));
        next.put("kind", t.type().kind());
        FieldManager.recordUpdate(old, next, t.type(), manager(call), t.type().apiVersion(t.version()), now(), part);
        return finishWrite(t, old, next, part);
    }

    /** Generation, admission, no-op detection, finalizers, storage and the event. Under the lock. */
    private ObjectNode finishWrite(Target t, ObjectNode old, ObjectNode next, Part part) {
        Json.metadata(next).put("resourceVersion", Json.meta(old, "resourceVersion"));
        ObjectNode admitted = admit(t, "UPDATE", old, next, part == Part.STATUS ? "status" : null);
        if (withoutBookkeeping(admitted).equals(withoutBookkeeping(old))) {
            return old; // nothing changed: no new resourceVersion, no event, as kube-apiserver does
        }
        long generation = old.path("metadata").path("generation").asLong(1);
        if (!spec(admitted, t.type()).equals(spec(old, t.type()))) {
            generation++;
        }
        Json.metadata(admitted).put("generation", generation);
        if (Json.meta(old, "deletionTimestamp") != null && admitted.path("metadata").path("finalizers").isEmpty()) {
            // the last finalizer went: the deletion completes
            return remove(t.type(), t.namespace(), t.name(), admitted, t.version());
        }
        return store(t.type(), t.namespace(), t.name(), admitted, old, t.version());
    }

    private static JsonNode withoutBookkeeping(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode meta = Json.metadata(copy);
        // a change of owners is a change; only the time of an entry is not
        for (JsonNode entry : meta.path("managedFields")) {
            ((ObjectNode) entry).remove("time");
        }
        meta.remove("resourceVersion");
        meta.remove("generation");
        return copy;
    }

    /** What {@code metadata.generation} tracks: everything but metadata, and but status when status is a subresource. */
    private static JsonNode spec(ObjectNode object, ResourceType type) {
        ObjectNode copy = object.deepCopy();
        copy.remove("metadata");
        if (type.statusSubresource()) {
            copy.remove("status");
        }
        return copy;
    }

    /**
     * {@code deletecollection}: deletes (or, with finalizers, marks) every object the selectors match,
     * one by one as kube-apiserver does, and answers the list of what it deleted.
     */
    private MockResponse deleteCollection(Target t, RecordedCall call) {
        if (t.type() == ResourceType.NAMESPACES) {
            return methodNotAllowed();
        }
        LabelSelector labels = labelSelector(call);
        FieldSelector fields = fieldSelector(call);
        synchronized (lock) {
            String from = prefix(t.type(), t.namespace());
            List<ObjectNode> matching = new ArrayList<>();
            for (Map.Entry<String, ObjectNode> e : objects.tailMap(from, true).entrySet()) {
                if (!e.getKey().startsWith(from)) {
                    break;
                }
                if (labels.matches(WatchStream.labelsOf(e.getValue())) && fields.matches(e.getValue())) {
                    matching.add(e.getValue());
                }
            }
            ObjectNode list = Json.object();
            list.put("apiVersion", t.type().apiVersion(t.version()));
            list.put("kind", t.type().kind() + "List");
            ArrayNode items = list.putArray("items");
            for (ObjectNode object : matching) {
                items.add(deleteObject(new Target(t.type(), t.version(), Json.meta(object, "namespace"), Json.meta(object, "name"), null), ""));
            }
            Json.metadata(list).put("resourceVersion", Long.toString(resourceVersion));
            return Status.json(200, Json.write(list));
        }
    }

    private MockResponse delete(Target t, String body) {
        return Status.json(200, Json.write(deleteObject(t, body)));
    }

    /** @return the object as deleted, or as marked for deletion when it has finalizers */
    private ObjectNode deleteObject(Target t, String body) {
        synchronized (lock) {
            ObjectNode old = existing(t);
            if (!body.isBlank()) {
                JsonNode options;
                try {
                    options = Json.read(body);
                } catch (JacksonException e) {
                    throw new ApiError(Status.badRequest("invalid DeleteOptions: " + e.getOriginalMessage()));
                }
                JsonNode pre = options.path("preconditions");
                String uid = pre.path("uid").asString(null);
                if (uid != null && !uid.equals(Json.meta(old, "uid"))) {
                    throw conflict(t, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + Json.meta(old, "uid"));
                }
                String rv = pre.path("resourceVersion").asString(null);
                if (rv != null && !rv.equals(Json.meta(old, "resourceVersion"))) {
                    throw conflict(t, "Precondition failed: ResourceVersion in precondition: " + rv + ", ResourceVersion in object meta: "
                            + Json.meta(old, "resourceVersion"));
                }
            }
            if (t.type() == ResourceType.NAMESPACES) {
                String prefixOf = "/" + t.name() + "/";
                for (String key : List.copyOf(objects.keySet())) {
                    ObjectNode o = objects.get(key);
                    if (t.name().equals(Json.meta(o, "namespace")) && key.contains(prefixOf)) {
                        ResourceType type = types.get(key.substring(0, key.indexOf('/', key.indexOf('/') + 1)));
                        if (type != null) {
                            remove(type, t.name(), Json.meta(o, "name"), o, o.path("apiVersion").asString().replaceAll(".*/", ""));
                        }
                    }
                }
            }
            JsonNode finalizers = old.path("metadata").path("finalizers");
            if (finalizers.isArray() && !finalizers.isEmpty()) {
                if (Json.meta(old, "deletionTimestamp") != null) {
                    return old;
                }
                ObjectNode next = old.deepCopy();
                Json.metadata(next).put("deletionTimestamp", now());
                Json.metadata(next).put("deletionGracePeriodSeconds", 0);
                return store(t.type(), t.namespace(), t.name(), next, old, t.version());
            }
            return remove(t.type(), t.namespace(), t.name(), old, t.version());
        }
    }

    // ------------------------------------------------------------------ storage and events (under the lock)

    private ObjectNode store(ResourceType type, String namespace, String name, ObjectNode object, ObjectNode previous, String version) {
        long rv = ++resourceVersion;
        Json.metadata(object).put("resourceVersion", Long.toString(rv));
        if (type == ResourceType.CRDS) {
            establish(object);
        }
        objects.put(key(type, namespace, name), object);
        if (type == ResourceType.CRDS) {
            register(ResourceType.fromCrd(object));
        }
        publish(new Event(rv, previous == null ? "ADDED" : "MODIFIED", type, object, previous));
        return object;
    }

    /**
     * What kube-apiserver's apiextensions controllers report once a CRD's names are accepted and it is
     * served: {@code NamesAccepted} and {@code Established}, and the accepted names. Done at once here
     * (on a real server it takes a moment), so a client that waits for {@code Established} goes on.
     */
    private static void establish(ObjectNode crd) {
        ObjectNode status = crd.has("status") && crd.get("status").isObject() ? (ObjectNode) crd.get("status") : crd.putObject("status");
        if (crd.path("spec").path("names").isObject()) {
            status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        }
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
                .put("message", "no conflicts found");
        conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
                .put("message", "the initial names have been accepted");
    }

    private ObjectNode remove(ResourceType type, String namespace, String name, ObjectNode last, String version) {
        long rv = ++resourceVersion;
        ObjectNode gone = last.deepCopy();
        Json.metadata(gone).put("resourceVersion", Long.toString(rv));
        objects.remove(key(type, namespace, name));
        if (type == ResourceType.CRDS) {
            ResourceType defined = ResourceType.fromCrd(last);
            types.remove(defined.group() + "/" + defined.plural());
        }
        publish(new Event(rv, "DELETED", type, gone, last));
        return gone;
    }

    private void publish(Event event) {
        if (dryRunning) {
            return;
        }
        history.addLast(event);
        while (history.size() > historyLimit) {
            compactedBelow = history.removeFirst().resourceVersion();
        }
        for (WatchStream w : watches) {
            send(w, event);
        }
    }

    /** Sets what the server owns on a new object: uid, creationTimestamp, generation. */
    private static ObjectNode stamp(ObjectNode object, String namespace) {
        ObjectNode meta = Json.metadata(object);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now());
        meta.put("generation", 1);
        for (String member : List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink")) {
            meta.remove(member);
        }
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return object;
    }

    private ObjectNode admit(Target t, String operation, ObjectNode old, ObjectNode object, String subresource) {
        if (t.type().crd() == null) {
            return object;
        }
        AdmissionResult result = admission.admit(new AdmissionRequest(operation, t.type().group(), t.type().kind(), subresource, old,
                object.deepCopy(), t.type().crd()));
        if (!result.allowed()) {
            throw invalid(t, Json.meta(object, "name"), result.causes());
        }
        return result.object();
    }

    // ------------------------------------------------------------------ helpers

    private ObjectNode existing(Target t) {
        ObjectNode old = objects.get(key(t.type(), t.namespace(), t.name()));
        if (old == null) {
            throw new ApiError(Status.notFound(t.type().plural(), t.type().group(), t.name()));
        }
        return old;
    }

    private void checkNamespace(Target t, ObjectNode object) {
        String ns = Json.meta(object, "namespace");
        if (t.namespace() != null && ns != null && !ns.isEmpty() && !ns.equals(t.namespace())) {
            throw new ApiError(Status.badRequest("the namespace of the provided object does not match the namespace sent on the request"));
        }
        if (t.namespace() != null && !objects.containsKey(key(ResourceType.NAMESPACES, null, t.namespace()))) {
            throw new ApiError(Status.notFound("namespaces", "", t.namespace()));
        }
    }

    private static void checkResourceVersion(Target t, ObjectNode old, String rv) {
        if (rv != null && !rv.isEmpty() && !rv.equals(Json.meta(old, "resourceVersion"))) {
            throw conflict(t, "the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    private static ApiError conflict(Target t, String why) {
        return new ApiError(Status.response(409, "Conflict", "Operation cannot be fulfilled on "
                + Status.qualified(t.type().plural(), t.type().group()) + " \"" + t.name() + "\": " + why,
                Status.details(t.name(), t.type().group(), t.type().plural(), null)));
    }

    private static ApiError invalid(Target t, String name, List<FieldCause> causes) {
        String listed = causes.size() == 1 ? causes.get(0).toString()
                : "[" + String.join(", ", causes.stream().map(FieldCause::toString).toList()) + "]";
        List<Status.Cause> details = causes.stream().map(c -> new Status.Cause(c.reason(), c.message(), c.field())).toList();
        return new ApiError(Status.response(422, "Invalid", t.type().qualifiedKind() + " \"" + name + "\" is invalid: " + listed,
                Status.details(name, t.type().group(), t.type().kind(), details)));
    }

    private static ObjectNode parseObject(String body, boolean yaml) {
        try {
            JsonNode node = yaml ? Json.YAML.readTree(body) : Json.read(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (JacksonException e) {
            throw new ApiError(Status.badRequest("the body of the request could not be decoded: " + e.getOriginalMessage()));
        }
        throw new ApiError(Status.badRequest("the body of the request must be an object"));
    }

    private static LabelSelector labelSelector(RecordedCall call) {
        try {
            return LabelSelector.parse(call.queryParameter("labelSelector"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(Status.badRequest(e.getMessage()));
        }
    }

    private static FieldSelector fieldSelector(RecordedCall call) {
        try {
            return FieldSelector.parse(call.queryParameter("fieldSelector"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(Status.badRequest(e.getMessage()));
        }
    }

    private static int intParam(RecordedCall call, String name) {
        String value = call.queryParameter(name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiError(Status.badRequest("invalid " + name + ": " + value));
        }
    }

    /** kube's default field manager: the User-Agent up to its first {@code /}. */
    private static String manager(RecordedCall call) {
        String explicit = call.queryParameter("fieldManager");
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        String agent = call.header("User-Agent");
        if (agent == null || agent.isEmpty()) {
            return "unknown";
        }
        String prefix = agent.split("/")[0];
        return prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A continue token: the list's resourceVersion and the key of the last item returned. */
    private record ContinueToken(long resourceVersion, String after) {
        String encode() {
            ObjectNode node = Json.object();
            node.put("rv", resourceVersion);
            node.put("start", after);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
        }

        static ContinueToken decode(String token) {
            try {
                JsonNode node = Json.read(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
                if (!node.path("rv").canConvertToLong() || !node.path("start").isString()) {
                    throw new IllegalArgumentException("members missing");
                }
                return new ContinueToken(node.path("rv").asLong(), node.path("start").asString());
            } catch (RuntimeException e) {
                throw new ApiError(Status.badRequest("continue key is not valid: " + e.getMessage()));
            }
        }
    }

    /** An error answer, thrown out of a handler. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient MockResponse response;

        ApiError(MockResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}

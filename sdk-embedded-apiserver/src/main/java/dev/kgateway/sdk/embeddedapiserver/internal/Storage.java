package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The server's state behind its one lock: the objects by key, the types served, the resourceVersion
 * counter, the event history (with its limit and the mark below which it was compacted) and the
 * open watches each change is fanned out to. Writes and the events they cause are ordered by
 * resourceVersion because they all happen under {@link #lock()}; the verbs hold it around what
 * they do here, and the methods that do not say otherwise expect it held.
 */
final class Storage {

    private final Object lock = new Object();
    private final NavigableMap<String, ObjectNode> objects = new TreeMap<>();
    private final Map<String, ResourceType> types = new ConcurrentHashMap<>();
    private final Deque<Event> history = new ArrayDeque<>();
    private final List<WatchStream> watches = new CopyOnWriteArrayList<>();
    private final int historyLimit;
    private long resourceVersion = 100;
    private long compactedBelow;
    /** Set while a dry-run write runs (under the lock): it publishes no event. */
    private boolean dryRunning;

    /** A server with the built-in types and namespaces {@code default}, {@code kube-system}, {@code kube-public}. */
    Storage(int historyLimit) {
        this.historyLimit = historyLimit;
        register(ResourceType.NAMESPACES);
        register(ResourceType.CRDS);
        for (String ns : List.of("default", "kube-system", "kube-public")) {
            ObjectNode namespace = Json.object();
            namespace.put("apiVersion", "v1");
            namespace.put("kind", "Namespace");
            Json.metadata(namespace).put("name", ns);
            store(ResourceType.NAMESPACES, null, ns, stamp(namespace, null), null);
        }
    }

    Object lock() {
        return lock;
    }

    // ------------------------------------------------------------------ types and keys

    private void register(ResourceType type) {
        types.put(type.group() + "/" + type.plural(), type);
    }

    /** @return the type served as {@code plural} in {@code group}, or {@code null}; needs no lock */
    ResourceType type(String group, String plural) {
        return types.get(group + "/" + plural);
    }

    /** @return the types served (a live view); needs no lock */
    Collection<ResourceType> types() {
        return types.values();
    }

    static String key(ResourceType type, String namespace, String name) {
        return type.group() + "/" + type.plural() + "/" + (namespace == null ? "" : namespace) + "/" + (name == null ? "" : name);
    }

    private static String prefix(ResourceType type, String namespace) {
        return type.group() + "/" + type.plural() + "/" + (namespace == null ? "" : namespace + "/");
    }

    // ------------------------------------------------------------------ reading

    ObjectNode get(ResourceType type, String namespace, String name) {
        return objects.get(key(type, namespace, name));
    }

    /**
     * @param after a key: only objects stored after it ({@code null}: from the first)
     * @return the objects of {@code type} (in {@code namespace}, or in all) that {@code wanted} accepts, in key order
     */
    List<ObjectNode> select(ResourceType type, String namespace, String after, Predicate<ObjectNode> wanted) {
        String from = prefix(type, namespace);
        List<ObjectNode> matching = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : objects.tailMap(from, true).entrySet()) {
            if (!e.getKey().startsWith(from)) {
                break;
            }
            if (after != null && e.getKey().compareTo(after) <= 0) {
                continue;
            }
            if (wanted.test(e.getValue())) {
                matching.add(e.getValue());
            }
        }
        return matching;
    }

    /**
     * The objects as they were at {@code resourceVersion}, rebuilt from the current ones by undoing the
     * history after it; the caller checks that the history reaches back that far ({@link #compactedBelow()}).
     *
     * @return the objects of {@code type} (in {@code namespace}, or in all) that {@code wanted} accepts, in key order
     */
    List<ObjectNode> selectAt(long resourceVersion, ResourceType type, String namespace, String after, Predicate<ObjectNode> wanted) {
        String from = prefix(type, namespace);
        NavigableMap<String, ObjectNode> then = new TreeMap<>();
        for (Map.Entry<String, ObjectNode> e : objects.tailMap(from, true).entrySet()) {
            if (!e.getKey().startsWith(from)) {
                break;
            }
            then.put(e.getKey(), e.getValue());
        }
        for (java.util.Iterator<Event> it = history.descendingIterator(); it.hasNext(); ) {
            Event e = it.next();
            if (e.resourceVersion() <= resourceVersion) {
                break;
            }
            if (!e.resourceType().equals(type)) {
                continue;
            }
            String key = key(type, Json.meta(e.object(), "namespace"), Json.meta(e.object(), "name"));
            if (!key.startsWith(from)) {
                continue;
            }
            if (e.previous() == null) {
                then.remove(key);
            } else {
                then.put(key, e.previous());
            }
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : then.entrySet()) {
            if ((after == null || e.getKey().compareTo(after) > 0) && wanted.test(e.getValue())) {
                matching.add(e.getValue());
            }
        }
        return matching;
    }

    static Predicate<ObjectNode> selectedBy(LabelSelector labels, FieldSelector fields) {
        return object -> labels.matches(WatchStream.labelsOf(object)) && fields.matches(object);
    }

    /** @return the newest resourceVersion handed out; takes the lock */
    long currentResourceVersion() {
        synchronized (lock) {
            return resourceVersion;
        }
    }

    /** @return the oldest resourceVersion a watch or continue token may still start from */
    long compactedBelow() {
        return compactedBelow;
    }

    // ------------------------------------------------------------------ writing

    /** Stores a new ({@code previous == null}) or changed object at the next resourceVersion, and publishes the change. */
    ObjectNode store(ResourceType type, String namespace, String name, ObjectNode object, ObjectNode previous) {
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
     * Removes an object at the next resourceVersion, and publishes the deletion.
     *
     * @return the object as deleted
     */
    ObjectNode remove(ResourceType type, String namespace, String name, ObjectNode last) {
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

    /** Removes every object in {@code namespace}, as the namespace goes. */
    void removeNamespaced(String namespace) {
        String prefixOf = "/" + namespace + "/";
        for (String key : List.copyOf(objects.keySet())) {
            ObjectNode o = objects.get(key);
            if (namespace.equals(Json.meta(o, "namespace")) && key.contains(prefixOf)) {
                ResourceType type = types.get(key.substring(0, key.indexOf('/', key.indexOf('/') + 1)));
                if (type != null) {
                    remove(type, namespace, Json.meta(o, "name"), o);
                }
            }
        }
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

    /** Sets what the server owns on a new object: uid, creationTimestamp, generation. */
    static ObjectNode stamp(ObjectNode object, String namespace) {
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

    /** @return the time as the server stamps it (whole seconds) */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A write with {@code dryRun=All}: admitted, defaulted and answered as it would be, then forgotten,
     * as kube-apiserver does (it never reaches etcd): no object, resourceVersion, history or watch event changes.
     * Takes the lock.
     */
    <T> T dryRun(Supplier<T> write) {
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

    // ------------------------------------------------------------------ history and watches

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

    /** Sends a new watch the changes after {@code since} that the history still holds. */
    void replay(WatchStream stream, long since) {
        for (Event e : history) {
            if (e.resourceVersion() > since) {
                send(stream, e);
            }
        }
    }

    /** From now on, sends {@code stream} every change. */
    void watch(WatchStream stream) {
        watches.add(stream);
    }

    /** Forgets a watch that ended; needs no lock. */
    void unwatch(WatchStream stream) {
        watches.remove(stream);
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

    // ------------------------------------------------------------------ the test server's controls

    /**
     * Closes every open watch from the server side; needs no lock.
     *
     * @return how many
     */
    int dropWatches() {
        List<WatchStream> open = List.copyOf(watches);
        open.forEach(w -> w.close(1001, "going away"));
        return open.size();
    }

    /** Forgets the event history: watches and continue tokens from before now get 410 Gone / Expired. Takes the lock. */
    void expireHistory() {
        synchronized (lock) {
            history.clear();
            compactedBelow = resourceVersion;
        }
    }

    /** Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks. Takes the lock. */
    void sendBookmarks() {
        synchronized (lock) {
            for (WatchStream w : watches) {
                if (w.wantsBookmarks()) {
                    w.bookmark(resourceVersion);
                }
            }
        }
    }

    /** @return how many watches are open; needs no lock */
    int openWatches() {
        return watches.size();
    }

    /** Ends every watch; needs no lock. */
    void shutdown() {
        watches.forEach(WatchStream::end);
    }
}

package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The delete verbs: delete (with the preconditions of its DeleteOptions) and deletecollection. An
 * object with finalizers is only marked ({@code deletionTimestamp}) and goes when its last finalizer
 * does; a namespace takes its objects with it.
 */
final class Deletes {

    private final Storage storage;

    Deletes(Storage storage) {
        this.storage = storage;
    }

    MockResponse delete(Target t, String body) {
        return Status.json(200, Json.write(deleteObject(t, body)));
    }

    /**
     * {@code deletecollection}: deletes (or, with finalizers, marks) every object the selectors match,
     * one by one as kube-apiserver does, and answers the list of what it deleted.
     */
    MockResponse deleteCollection(Target t, RecordedCall call) {
        if (t.type() == ResourceType.NAMESPACES) {
            return Status.methodNotAllowed();
        }
        LabelSelector labels = Requests.labelSelector(call);
        FieldSelector fields = Requests.fieldSelector(call);
        synchronized (storage.lock()) {
            List<ObjectNode> matching = storage.select(t.type(), t.namespace(), null, Storage.selectedBy(labels, fields));
            ObjectNode list = Json.object();
            list.put("apiVersion", t.apiVersion());
            list.put("kind", t.type().kind() + "List");
            ArrayNode items = list.putArray("items");
            for (ObjectNode object : matching) {
                items.add(deleteObject(new Target(t.type(), t.version(), Json.meta(object, "namespace"), Json.meta(object, "name"), null), ""));
            }
            Json.metadata(list).put("resourceVersion", Long.toString(storage.currentResourceVersion()));
            return Status.json(200, Json.write(list));
        }
    }

    /** @return the object as deleted, or as marked for deletion when it has finalizers */
    private ObjectNode deleteObject(Target t, String body) {
        synchronized (storage.lock()) {
            ObjectNode old = Checks.existing(storage, t);
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
                    throw ApiError.conflict(t, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + Json.meta(old, "uid"));
                }
                String rv = pre.path("resourceVersion").asString(null);
                if (rv != null && !rv.equals(Json.meta(old, "resourceVersion"))) {
                    throw ApiError.conflict(t, "Precondition failed: ResourceVersion in precondition: " + rv + ", ResourceVersion in object meta: "
                            + Json.meta(old, "resourceVersion"));
                }
            }
            if (t.type() == ResourceType.NAMESPACES) {
                storage.removeNamespaced(t.name());
            }
            JsonNode finalizers = old.path("metadata").path("finalizers");
            if (finalizers.isArray() && !finalizers.isEmpty()) {
                if (Json.meta(old, "deletionTimestamp") != null) {
                    return old;
                }
                ObjectNode next = old.deepCopy();
                Json.metadata(next).put("deletionTimestamp", Storage.now());
                Json.metadata(next).put("deletionGracePeriodSeconds", 0);
                return storage.store(t.type(), t.namespace(), t.name(), next, old);
            }
            return storage.remove(t.type(), t.namespace(), t.name(), old);
        }
    }
}

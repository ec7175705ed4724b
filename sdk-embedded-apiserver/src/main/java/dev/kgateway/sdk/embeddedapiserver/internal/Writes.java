package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.AdmissionRequest;
import dev.kgateway.sdk.embeddedapiserver.AdmissionResult;
import dev.kgateway.sdk.embeddedapiserver.FieldCause;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.embeddedapiserver.internal.FieldPaths.Part;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * The verbs that create or change an object: create, update, the patches (merge, JSON, strategic
 * merge for built-in types), server-side apply, and their status-subresource forms. Each checks the
 * request, records field ownership, calls admission for custom resources, and stores the result
 * unless nothing changed, all under the storage lock.
 */
final class Writes {

    private static final String UNSUPPORTED_PATCH = "the body of the request was in an unknown format - accepted media types include:"
            + " application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    private final Storage storage;
    private final Admission admission;

    Writes(Storage storage, Admission admission) {
        this.storage = storage;
        this.admission = admission;
    }

    MockResponse create(Target t, RecordedCall call, String body) {
        ObjectNode object = Requests.parseObject(body, false);
        FieldValidation validation = FieldValidation.of(call, body);
        ObjectNode meta = Json.metadata(object);
        synchronized (storage.lock()) {
            String name = Json.meta(object, "name");
            if ((name == null || name.isEmpty()) && Json.meta(object, "generateName") != null) {
                name = Json.meta(object, "generateName") + UUID.randomUUID().toString().substring(0, 5);
                meta.put("name", name);
            }
            if (name == null || name.isEmpty()) {
                throw ApiError.invalid(t, "", List.of(new FieldCause("metadata.name", FieldCause.REQUIRED,
                        "Required value: name or generateName is required")));
            }
            Checks.checkName(t, name);
            Checks.checkNamespace(storage, t, object);
            if (storage.get(t.type(), t.namespace(), name) != null) {
                throw new ApiError(Status.response(409, "AlreadyExists", Status.qualified(t.type().plural(), t.type().group()) + " \"" + name
                        + "\" already exists", Status.details(name, t.type().group(), t.type().plural(), null)));
            }
            if (t.type().statusSubresource()) {
                object.remove("status");
            }
            object.put("apiVersion", t.apiVersion());
            object.put("kind", t.type().kind());
            ObjectNode stamped = Storage.stamp(object, t.namespace());
            ObjectNode stored = admit(t, "CREATE", null, stamped, null);
            validation.pruned(stamped, stored);
            validation.check(t);
            FieldManager.recordUpdate(null, stored, t.type(), Requests.manager(call), t.apiVersion(), Storage.now(), Part.MAIN);
            return validation.warn(Status.json(201, Json.write(storage.store(t.type(), t.namespace(), name, stored, null))));
        }
    }

    MockResponse update(Target t, RecordedCall call, String body) {
        ObjectNode sent = Requests.parseObject(body, false);
        FieldValidation validation = FieldValidation.of(call, body);
        synchronized (storage.lock()) {
            ObjectNode old = Checks.existing(storage, t);
            String rv = Json.meta(sent, "resourceVersion");
            if ((rv == null || rv.isEmpty()) && t.type().crd() != null) {
                throw ApiError.invalid(t, t.name(), List.of(new FieldCause("metadata.resourceVersion", FieldCause.INVALID,
                        "Invalid value: 0x0: must be specified for an update")));
            }
            if (!t.name().equals(Json.meta(sent, "name"))) {
                throw new ApiError(Status.badRequest("the name of the object (" + Json.meta(sent, "name")
                        + ") does not match the name on the URL (" + t.name() + ")"));
            }
            Checks.checkNamespace(storage, t, sent);
            Checks.checkResourceVersion(t, old, rv);
            return validation.warn(Status.json(200, Json.write(write(t, call, old, sent, validation))));
        }
    }

    MockResponse patch(Target t, RecordedCall call, String body) {
        String type = call.contentType() == null ? "" : call.contentType().split(";")[0].trim();
        synchronized (storage.lock()) {
            if (type.equals("application/apply-patch+yaml")) {
                return apply(t, call, body);
            }
            ObjectNode old = Checks.existing(storage, t);
            JsonNode patched;
            try {
                switch (type) {
                    case "application/merge-patch+json" -> patched = MergePatch.apply(old, Json.read(body));
                    // kube-apiserver (evanphx/json-patch) refuses to remove a member that is not there
                    case "application/json-patch+json" -> patched = JsonPatch.apply(Json.read(body), old,
                            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT));
                    case "application/strategic-merge-patch+json" -> {
                        if (t.type().crd() != null) {
                            throw new ApiError(Status.response(415, "UnsupportedMediaType", UNSUPPORTED_PATCH));
                        }
                        patched = MergePatch.apply(old, Json.read(body));
                    }
                    default -> throw new ApiError(Status.response(415, "UnsupportedMediaType", UNSUPPORTED_PATCH));
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
            Checks.checkResourceVersion(t, old, rv);
            return Status.json(200, Json.write(write(t, call, old, sent, null)));
        }
    }

    /** Server-side apply: creates the object when there is none (not through the status subresource), else merges what the manager applies. */
    private MockResponse apply(Target t, RecordedCall call, String body) {
        String manager = call.queryParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            throw new ApiError(Status.response(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                    + " for apply patch", Status.details("", "meta.k8s.io", "PatchOptions",
                    List.of(new Status.Cause(FieldCause.REQUIRED, "Required value: is required for apply patch", "fieldManager")))));
        }
        ObjectNode applied = Requests.parseObject(body, true);
        boolean force = "true".equals(call.queryParameter("force"));
        if (Json.meta(applied, "name") != null && !t.name().equals(Json.meta(applied, "name"))) {
            throw new ApiError(Status.badRequest("the name of the object (" + Json.meta(applied, "name")
                    + ") does not match the name on the URL (" + t.name() + ")"));
        }
        Checks.checkNamespace(storage, t, applied);
        Part part = "status".equals(t.subresource()) ? Part.STATUS : Part.MAIN;
        String apiVersion = t.apiVersion();
        ObjectNode old = storage.get(t.type(), t.namespace(), t.name());
        if (old != null) {
            Checks.checkResourceVersion(t, old, Json.meta(applied, "resourceVersion"));
        }
        ObjectNode merged;
        try {
            merged = FieldManager.apply(old, applied, t.type(), manager, force, apiVersion, Storage.now(), part);
        } catch (FieldManager.ConflictException e) {
            List<Status.Cause> causes = e.conflicts().stream()
                    .map(c -> new Status.Cause("FieldManagerConflict", "conflict with " + c.manager(), FieldPaths.print(c.path()))).toList();
            throw new ApiError(Status.response(409, "Conflict", e.getMessage(), Status.details(null, null, null, causes)));
        }
        if (old == null) {
            if (part == Part.STATUS) {
                throw ApiError.notFound(t);
            }
            Checks.checkName(t, t.name());
            ObjectNode meta = Json.metadata(merged);
            meta.put("name", t.name());
            if (t.namespace() != null) {
                meta.put("namespace", t.namespace());
            }
            Checks.checkNamespace(storage, t, merged);
            merged.put("apiVersion", apiVersion);
            merged.put("kind", t.type().kind());
            JsonNode managed = meta.get("managedFields");
            ObjectNode stored = admit(t, "CREATE", null, Storage.stamp(merged, t.namespace()), null);
            if (managed != null) {
                Json.metadata(stored).set("managedFields", managed);
            }
            return Status.json(201, Json.write(storage.store(t.type(), t.namespace(), t.name(), stored, null)));
        }
        return Status.json(200, Json.write(finishWrite(t, old, merged, part, null)));
    }

    /** An update or patch: the main resource ignores status, the status subresource changes only status. */
    private ObjectNode write(Target t, RecordedCall call, ObjectNode old, ObjectNode sent, FieldValidation validation) {
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
        next.put("apiVersion", t.apiVersion());
        next.put("kind", t.type().kind());
        FieldManager.recordUpdate(old, next, t.type(), Requests.manager(call), t.apiVersion(), Storage.now(), part);
        return finishWrite(t, old, next, part, validation);
    }

    /** Generation, admission, no-op detection, finalizers, storage and the event. Under the lock. */
    private ObjectNode finishWrite(Target t, ObjectNode old, ObjectNode next, Part part, FieldValidation validation) {
        Json.metadata(next).put("resourceVersion", Json.meta(old, "resourceVersion"));
        ObjectNode admitted = admit(t, "UPDATE", old, next, part == Part.STATUS ? "status" : null);
        if (validation != null) {
            validation.pruned(next, admitted);
            validation.check(t);
        }
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
            return storage.remove(t.type(), t.namespace(), t.name(), admitted);
        }
        return storage.store(t.type(), t.namespace(), t.name(), admitted, old);
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

    /** Custom resources go through the server's {@link Admission}, which may default or prune them; built-in types are stored as sent. */
    private ObjectNode admit(Target t, String operation, ObjectNode old, ObjectNode object, String subresource) {
        if (t.type().crd() == null) {
            return object;
        }
        AdmissionResult result = admission.admit(new AdmissionRequest(operation, t.type().group(), t.type().kind(), subresource, old,
                object.deepCopy(), t.type().crd()));
        if (!result.allowed()) {
            throw ApiError.invalid(t, Json.meta(object, "name"), result.causes());
        }
        return result.object();
    }
}

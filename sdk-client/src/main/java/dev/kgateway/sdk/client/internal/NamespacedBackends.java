package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.DeleteOptions;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.DecodeOptions;
import dev.kgateway.sdk.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.WritableOperation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The Backends of one namespace. */
public final class NamespacedBackends extends BackendCollection implements NamespacedBackendClient {

    /** Unknown metadata the server owns; a server-side apply must not send it (managedFields is typed: cleared below). */
    private static final List<String> SERVER_OWNED_MEMBERS = List.of("selfLink");

    private final boolean dryRun;

    public NamespacedBackends(ClientContext context, String namespace) {
        this(context, namespace, false);
    }

    private NamespacedBackends(ClientContext context, String namespace, boolean dryRun) {
        super(context, Names.requireNamespace(namespace));
        this.dryRun = dryRun;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public NamespacedBackendClient dryRun() {
        return dryRun ? this : new NamespacedBackends(context, namespace, true);
    }

    private Resource<BackendResource> named(String name) {
        return context.operation().inNamespace(namespace).withName(Names.requireName(name));
    }

    private WritableOperation<BackendResource> item(BackendResource resource) {
        return context.operation().inNamespace(namespace).resource(resource).dryRun(dryRun);
    }

    @Override
    public Backend create(Backend backend) {
        Backend toSend = inNamespace(backend);
        toSend = toSend.withMetadata(toSend.getMetadata().withResourceVersion(null));
        // validation first, so an invalid name is reported with every other violation
        context.writeValidation().forCreate(toSend);
        if (toSend.getMetadata().getName() != null) {
            Names.requireName(toSend.getMetadata().getName());
        }
        BackendResource resource = BackendResource.forWrite(toSend, context.serialization());
        return context.executor().execute(Call.create(namespace, nameOf(toSend)), () -> item(resource).create()).backend();
    }

    @Override
    public Optional<Backend> get(String name) {
        Names.requireName(name);
        BackendResource found = context.executor().execute(Call.read("get", namespace, name), () -> named(name).get());
        return Optional.ofNullable(found).map(BackendResource::backend);
    }

    @Override
    public Backend require(String name) {
        return get(name).orElseThrow(() -> new BackendNotFoundException(
                "Backend '" + name + "' not found in namespace '" + namespace + "'", "", namespace, name, null));
    }

    @Override
    public Backend update(Backend backend) {
        Backend toSend = inNamespace(backend);
        String name = requireNameOf(toSend);
        context.writeValidation().forReplace(toSend, () -> get(name));
        refuseRemovingLastApplied(toSend, name);
        return toSend.getMetadata().getResourceVersion() == null ? overwrite(toSend, false) : replace(toSend, false);
    }

    /**
     * A PUT whose annotations lack kubectl's last-applied annotation removes it from the server. Once
     * this client has read Backends without it ({@code ListOptions.stripLastAppliedAnnotation}), an
     * update of a Backend without it may be one read that way: refused when the stored Backend has
     * the annotation. (A status update leaves metadata alone; {@code edit} reads in full; {@code apply}
     * sends only what it sends.)
     */
    private void refuseRemovingLastApplied(Backend toSend, String name) {
        if (!context.lastAppliedStripped() || toSend.getMetadata().getAnnotations().containsKey(DecodeOptions.LAST_APPLIED_ANNOTATION)) {
            return;
        }
        Optional<Backend> stored = get(name);
        if (stored.isPresent() && stored.get().getMetadata().getAnnotations().containsKey(DecodeOptions.LAST_APPLIED_ANNOTATION)) {
            throw new KgatewayException("update of Backend '" + name + "' in namespace '" + namespace + "' refused: it lacks the "
                    + DecodeOptions.LAST_APPLIED_ANNOTATION + " annotation that the stored Backend has, so the update would remove"
                    + " it; this client reads Backends without it (ListOptions.stripLastAppliedAnnotation): write with edit(..),"
                    + " apply(..) or patch(..), or update a Backend read with get(..)");
        }
    }

    @Override
    public Backend updateStatus(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backend toSend = inNamespace(backend);
        String name = requireNameOf(toSend);
        context.writeValidation().forStatus(toSend, () -> get(name));
        return toSend.getMetadata().getResourceVersion() == null ? overwrite(toSend, true) : replace(toSend, true);
    }

    /**
     * An update without a resourceVersion: kube-apiserver refuses those for custom resources (422
     * "must be specified for an update"), so read the current version and send it; when someone
     * writes in between, read again.
     */
    private Backend overwrite(Backend toSend, boolean status) {
        String name = toSend.getMetadata().getName();
        int attempts = context.executor().policy().maxConflictAttempts();
        for (int attempt = 1; ; attempt++) {
            Backend current = require(name);
            try {
                return replace(toSend.withMetadata(toSend.getMetadata().withResourceVersion(current.getMetadata().getResourceVersion())),
                        status);
            } catch (BackendConflictException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                context.listener().onConflictRetry("update");
                RequestExecutor.sleep(RequestExecutor.jitter(context.executor().policy().backoff(attempt)));
            }
        }
    }

    /** One PUT with the resourceVersion {@code toSend} carries; after a lost answer, checks whether it landed before repeating it. */
    private Backend replace(Backend toSend, boolean status) {
        return replace(toSend, status, () -> landed(toSend, status));
    }

    private Backend replace(Backend toSend, boolean status, RequestExecutor.Recovery<Backend> recovery) {
        String name = toSend.getMetadata().getName();
        BackendResource resource = BackendResource.forWrite(toSend, context.serialization());
        Call call = status ? Call.writeStatus(namespace, name) : Call.write("update", namespace, name);
        return context.executor().execute(call,
                () -> (status ? item(resource).subresource("status").update() : item(resource).update()).backend(),
                dryRun ? null : recovery);
    }

    /**
     * After an edit whose answer was lost: the edit landed when the stored Backend carries its
     * edit id ({@link EditIds}), even if other writers changed it since; otherwise it did not, and
     * the edit starts over from a fresh read.
     */
    private Optional<Backend> editLanded(Backend sent, String editId) {
        Optional<Backend> stored = get(sent.getMetadata().getName());
        if (stored.isEmpty() || Objects.equals(stored.get().getMetadata().getResourceVersion(), sent.getMetadata().getResourceVersion())) {
            return Optional.empty();
        }
        if (EditIds.carries(stored.get(), editId)) {
            return stored;
        }
        throw new BackendConflictException("Backend '" + sent.getMetadata().getName() + "' in namespace '" + namespace
                + "' was changed by someone else while the answer to this edit was lost", "", namespace, sent.getMetadata().getName(), null);
    }

    /**
     * After an update whose answer was lost: the stored Backend tells whether it landed. Same
     * resourceVersion as sent: not applied, send it again. Another version holding what was sent:
     * applied. Another version holding something else: someone else wrote, a real conflict.
     */
    private Optional<Backend> landed(Backend sent, boolean status) {
        String name = sent.getMetadata().getName();
        Optional<Backend> stored = get(name);
        if (stored.isEmpty()) {
            return Optional.empty(); // the retry reports the Backend as not found
        }
        Backend current = stored.get();
        if (Objects.equals(current.getMetadata().getResourceVersion(), sent.getMetadata().getResourceVersion())) {
            return Optional.empty();
        }
        if (sameContent(sent, current, status)) {
            return Optional.of(current);
        }
        throw new BackendConflictException("Backend '" + name + "' in namespace '" + namespace + "' was changed by someone else"
                + " (stale resourceVersion " + sent.getMetadata().getResourceVersion() + ", now "
                + current.getMetadata().getResourceVersion() + ") while the answer to this " + (status ? "status update" : "update")
                + " was lost; read it again and retry", "", namespace, name, null);
    }

    private static boolean sameContent(Backend sent, Backend stored, boolean status) {
        if (status) {
            return Objects.equals(sent.getStatus(), stored.getStatus());
        }
        return Objects.equals(sent.getSpec(), stored.getSpec())
                && Objects.equals(sent.getMetadata().getLabels(), stored.getMetadata().getLabels())
                && Objects.equals(sent.getMetadata().getAnnotations(), stored.getMetadata().getAnnotations());
    }

    @Override
    public Backend edit(String name, UnaryOperator<Backend> change) {
        return edit(name, change, false);
    }

    @Override
    public Backend editStatus(String name, UnaryOperator<Backend> change) {
        return edit(name, change, true);
    }

    private Backend edit(String name, UnaryOperator<Backend> change, boolean status) {
        Objects.requireNonNull(change, "change");
        Names.requireName(name);
        int attempts = context.executor().policy().maxConflictAttempts();
        for (int attempt = 1; ; attempt++) {
            Backend current = require(name);
            Backend changed = Objects.requireNonNull(change.apply(current), "edit function returned null");
            // keep the optimistic lock on the version we read, whatever the function did to metadata
            ObjectMeta meta = changed.getMetadata() == null ? current.getMetadata() : changed.getMetadata();
            changed = inNamespace(changed.withMetadata(meta.withResourceVersion(current.getMetadata().getResourceVersion())));
            if (!name.equals(changed.getMetadata().getName())) {
                throw new KgatewayException("the edit function renamed Backend '" + name + "' to '" + changed.getMetadata().getName()
                        + "'; a Backend cannot be renamed");
            }
            if (status) {
                context.writeValidation().forStatus(changed, current);
            } else {
                context.writeValidation().forReplace(changed, current);
            }
            try {
                if (status) {
                    return replace(changed, true);
                }
                String editId = EditIds.next();
                Backend marked = EditIds.mark(changed, editId);
                return replace(marked, false, () -> editLanded(marked, editId));
            } catch (BackendConflictException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                context.listener().onConflictRetry("update");
                RequestExecutor.sleep(RequestExecutor.jitter(context.executor().policy().backoff(attempt)));
            }
        }
    }

    @Override
    public Backend patch(String name, String mergePatchJson) {
        Names.requireName(name);
        Objects.requireNonNull(mergePatchJson, "mergePatchJson");
        requireJsonObject(mergePatchJson);
        // fabric8 reads the object first unless it is given one: hand it a stub holding only the name
        Backend stub = Backend.builder().apiVersion(Backend.API_VERSION).kind(Backend.KIND)
                .metadata(ObjectMeta.builder().name(name).namespace(namespace).build()).build();
        BackendResource resource = BackendResource.forWrite(stub, context.serialization());
        return context.executor().execute(Call.write("patch", namespace, name),
                () -> item(resource).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatchJson)).backend();
    }

    private void requireJsonObject(String json) {
        JsonNode tree;
        try {
            tree = context.serialization().unmarshal(json, JsonNode.class);
        } catch (RuntimeException e) {
            JacksonException parse = ErrorMapper.cause(e, JacksonException.class);
            throw new IllegalArgumentException("the merge patch is not valid JSON"
                    + (parse == null || parse.getLocation() == null ? "" : " (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")") + ": " + (parse == null ? e.getMessage() : parse.getOriginalMessage()),
                    e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("a merge patch must be a JSON object, such as {\"metadata\":{\"labels\":{\"tier\":\"gold\"}}};"
                    + " was " + (tree == null ? "empty" : tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Override
    public Backend apply(Backend backend) {
        return apply(backend, context.applyOptions());
    }

    @Override
    public Backend apply(Backend backend, ApplyOptions options) {
        Objects.requireNonNull(options, "options");
        Backend toSend = inNamespace(backend);
        context.writeValidation().forApply(toSend);
        requireNameOf(toSend);
        Map<String, JsonNode> unknown = new LinkedHashMap<>(toSend.getMetadata().getAdditionalProperties());
        unknown.keySet().removeAll(SERVER_OWNED_MEMBERS);
        ObjectMeta meta = toSend.getMetadata().toBuilder()
                .resourceVersion(null).uid(null).creationTimestamp(null).generation(null).deletionTimestamp(null)
                .managedFields(List.of())
                .additionalProperties(unknown)
                .build();
        BackendResource resource = BackendResource.forWrite(toSend.withMetadata(meta).withStatus(null), context.serialization());
        return context.executor().execute(Call.apply(namespace, nameOf(toSend)), () -> {
            ServerSideApplicable<BackendResource> apply = item(resource).fieldManager(options.fieldManager());
            return (options.force() ? apply.forceConflicts() : apply).serverSideApply();
        }).backend();
    }

    @Override
    public boolean delete(String name) {
        return delete(name, DeleteOptions.defaults());
    }

    @Override
    public boolean delete(String name, DeleteOptions options) {
        Names.requireName(name);
        Objects.requireNonNull(options, "options");
        RawDelete raw = new RawDelete(context.fabric8WithoutRetries());
        return context.executor().execute(Call.write("delete", namespace, name),
                () -> raw.one(namespace, name, options, dryRun).code() != 404,
                dryRun ? null : () -> deleted(name, options));
    }

    /** After a delete whose answer was lost: gone, or marked for deletion, or another object by now, means it landed. */
    private Optional<Boolean> deleted(String name, DeleteOptions options) {
        Optional<Backend> stored = get(name);
        if (stored.isEmpty() || stored.get().getMetadata().getDeletionTimestamp() != null) {
            return Optional.of(true);
        }
        String uid = stored.get().getMetadata().getUid();
        if (options.preconditionUid().isPresent() && !options.preconditionUid().get().equals(uid)) {
            return Optional.of(true); // ours is gone; a new Backend took the name
        }
        return Optional.empty();
    }

    @Override
    public int deleteAll(ListOptions selection) {
        Objects.requireNonNull(selection, "selection");
        if (selection.labelSelector().isEmpty()) {
            throw new IllegalArgumentException("deleteAll needs a label selector (ListOptions.withLabel(..)); it never deletes every"
                    + " Backend of a namespace by accident");
        }
        RawDelete raw = new RawDelete(context.fabric8WithoutRetries());
        RawDelete.Answer answer = context.executor().execute(Call.write("deletecollection", namespace, null),
                () -> raw.selected(namespace, selection.labelSelector(), dryRun));
        JsonNode items = answer.body() == null ? null : answer.body().path("items");
        return items == null || !items.isArray() ? 0 : items.size();
    }

    @Override
    public Backend waitUntil(String name, Predicate<Backend> condition, Duration timeout) {
        return BackendWaiter.await(context, namespace, Names.requireName(name), condition, timeout);
    }

    private Backend inNamespace(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        ObjectMeta meta = backend.getMetadata() == null ? ObjectMeta.builder().build() : backend.getMetadata();
        if (meta.getNamespace() == null) {
            return backend.withMetadata(meta.withNamespace(namespace));
        }
        if (!meta.getNamespace().equals(namespace)) {
            throw new KgatewayException("Backend '" + meta.getName() + "' is in namespace '" + meta.getNamespace()
                    + "', but this client works in namespace '" + namespace + "'");
        }
        return backend.getMetadata() == meta ? backend : backend.withMetadata(meta);
    }

    /** @return the Backend's name, checked: updates and applies address the Backend by it */
    private static String requireNameOf(Backend backend) {
        String name = backend.getMetadata().getName();
        if (name == null) {
            throw new IllegalArgumentException("the Backend has no metadata.name; only create can let the server generate one");
        }
        return Names.requireName(name);
    }

    private static String nameOf(Backend backend) {
        return backend.getMetadata() == null || backend.getMetadata().getName() == null ? "" : backend.getMetadata().getName();
    }
}

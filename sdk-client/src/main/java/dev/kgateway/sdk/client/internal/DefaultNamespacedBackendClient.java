package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.BackendWriteOutcomeUnknownException;
import dev.kgateway.sdk.client.DeleteOptions;
import dev.kgateway.sdk.client.BackendSelector;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.DecodeOptions;
import dev.kgateway.sdk.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The Backends of one namespace. */
public final class DefaultNamespacedBackendClient extends AbstractBackendCollectionClient implements NamespacedBackendClient {

    /** Unknown metadata the server owns; a server-side apply must not send it (managedFields is typed: cleared below). */
    private static final List<String> SERVER_OWNED_MEMBERS = List.of("selfLink");

    private final boolean dryRun;

    public DefaultNamespacedBackendClient(ClientContext context, String namespace) {
        this(context, namespace, false);
    }

    private DefaultNamespacedBackendClient(ClientContext context, String namespace, boolean dryRun) {
        super(context, Names.requireNamespace(namespace));
        this.dryRun = dryRun;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public NamespacedBackendClient dryRun() {
        return dryRun ? this : new DefaultNamespacedBackendClient(context, namespace, true);
    }

    /**
     * The status subresource of {@code resource}, written without {@code fieldValidation}: with fabric8 8.0.0,
     * {@code fieldValidation(..)} followed by {@code subresource("status")} wrote to the main resource in
     * {@code CrudTest} (the status stayed empty), and a status holds what controllers write, not users.
     */
    private io.fabric8.kubernetes.client.dsl.EditReplacePatchable<BackendResource> statusOf(BackendResource resource, boolean dryRun) {
        return context.operation().inNamespace(namespace).resource(resource).dryRun(dryRun).subresource("status");
    }

    private NonDeletingOperation<BackendResource> item(BackendResource resource, boolean dryRun) {
        return context.operation().inNamespace(namespace).resource(resource).dryRun(dryRun).fieldValidation(context.fieldValidation());
    }

    private NonDeletingOperation<BackendResource> item(BackendResource resource) {
        return item(resource, dryRun);
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
        RawRequests raw = new RawRequests(context.fabric8WithoutRetries());
        return context.executor().execute(Call.read("get", namespace, name), () -> raw.get(namespace, name).map(this::decode));
    }

    /** Reads a Backend as fabric8 would, with this client's serialization; an unreadable answer fails as fabric8's do. */
    private Backend decode(String json) {
        try {
            return context.serialization().unmarshal(json, BackendResource.class).backend();
        } catch (RuntimeException e) {
            throw new io.fabric8.kubernetes.client.KubernetesClientException("the API server's answer could not be read", e);
        }
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
        return context.executor().asOneCall(() -> confirmingNotFound(name,
                () -> toSend.getMetadata().getResourceVersion() == null ? overwrite(toSend, false) : replace(toSend, false)));
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

    /**
     * fabric8 reports a 404 the same whether its body was a Status naming the Backend or kube-apiserver's
     * plain-text {@code 404 page not found} for a resource nobody serves. When it was not a Status, a GET
     * (read by the SDK itself) tells which: it throws the "not served" error, or finds no Backend.
     */
    private Backend confirmingNotFound(String name, java.util.function.Supplier<Backend> write) {
        try {
            return write.get();
        } catch (BackendNotFoundException e) {
            if (!ErrorMapper.serverNamedTheObject(e)) {
                get(name);
            }
            throw e;
        }
    }

    @Override
    public Backend updateStatus(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backend toSend = inNamespace(backend);
        String name = requireNameOf(toSend);
        context.writeValidation().forStatus(toSend, () -> get(name));
        return context.executor().asOneCall(() -> confirmingNotFound(name,
                () -> toSend.getMetadata().getResourceVersion() == null ? overwrite(toSend, true) : replace(toSend, true)));
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
                return replace(status ? toSend.withMetadata(toSend.getMetadata().withResourceVersion(current.getMetadata().getResourceVersion()))
                        : keepingOthersMetadata(toSend, current), status);
            } catch (BackendConflictException e) {
                backOffAfterConflict(e, attempt, attempts);
            }
        }
    }

    /** Waits before the next conflict round, or throws {@code conflict} when no round is left (attempts, call deadline). */
    private void backOffAfterConflict(BackendConflictException conflict, int attempt, int attempts) {
        Duration delay = RequestExecutor.jitter(context.executor().policy().backoff(attempt));
        if (attempt >= attempts || context.executor().pastDeadline(System.nanoTime(), delay)) {
            throw conflict;
        }
        context.listener().onConflictRetry("update");
        RequestExecutor.sleep(delay);
    }

    /**
     * An update without a resourceVersion overwrites what is stored, but not what other writers added that the
     * caller could not have known of: the stored annotations it does not set stay (its own win), and the stored
     * finalizers and ownerReferences stay when it sets none. To remove those, update what {@code get} returned.
     */
    private static Backend keepingOthersMetadata(Backend toSend, Backend current) {
        ObjectMeta sent = toSend.getMetadata();
        ObjectMeta stored = current.getMetadata();
        Map<String, String> annotations = new LinkedHashMap<>(stored.getAnnotations());
        annotations.putAll(sent.getAnnotations());
        ObjectMeta merged = sent.toBuilder()
                .resourceVersion(stored.getResourceVersion())
                .annotations(annotations)
                .finalizers(sent.getFinalizers().isEmpty() ? stored.getFinalizers() : sent.getFinalizers())
                .ownerReferences(sent.getOwnerReferences().isEmpty() ? stored.getOwnerReferences() : sent.getOwnerReferences())
                .build();
        return toSend.withMetadata(merged);
    }

    /** One PUT with the resourceVersion {@code toSend} carries; after a lost answer, checks whether it landed before repeating it. */
    private Backend replace(Backend toSend, boolean status) {
        return replace(toSend, status, lost -> landed(toSend, status));
    }

    private Backend replace(Backend toSend, boolean status, RequestExecutor.Recovery<Backend> recovery) {
        String name = toSend.getMetadata().getName();
        BackendResource resource = BackendResource.forWrite(toSend, context.serialization());
        Call call = status ? Call.writeStatus(namespace, name) : Call.write("update", namespace, name);
        return context.executor().execute(call,
                () -> (status ? statusOf(resource, dryRun).update() : item(resource).update()).backend(),
                dryRun ? null : recovery);
    }

    /**
     * After an edit whose answer was lost. The stored resourceVersion is still the one read: the edit
     * did not land, send it again (kube-apiserver can apply a PUT of that version once only). The
     * edit changed the spec and the stored generation is still the one read: no spec change landed,
     * ours neither; start over from a fresh read (a conflict). Otherwise the Backend changed and
     * nothing the server keeps tells whose change that was: say so instead of guessing.
     */
    private Optional<Backend> editLanded(Backend sent, Backend read, boolean status, RuntimeException lost) {
        String name = sent.getMetadata().getName();
        Optional<Backend> stored = get(name);
        if (stored.isEmpty() || Objects.equals(stored.get().getMetadata().getResourceVersion(), read.getMetadata().getResourceVersion())) {
            return Optional.empty();
        }
        boolean specChanged = !status && !Objects.equals(sent.getSpec(), read.getSpec());
        if (specChanged && Objects.equals(stored.get().getMetadata().getGeneration(), read.getMetadata().getGeneration())) {
            throw new BackendConflictException("Backend '" + name + "' in namespace '" + namespace + "' was changed by someone else"
                    + " while the answer to this edit was lost, and the edit did not land", "", namespace, name, null);
        }
        throw new BackendWriteOutcomeUnknownException("the answer to this " + (status ? "status edit" : "edit") + " of Backend '" + name
                + "' in namespace '" + namespace + "' was lost, and the Backend has changed since it was read (resourceVersion "
                + read.getMetadata().getResourceVersion() + ", now " + stored.get().getMetadata().getResourceVersion()
                + "): the edit may have landed or not; read the Backend and decide", namespace, name, lost);
    }

    /**
     * After an update whose answer was lost: the stored Backend tells whether it landed. Same
     * resourceVersion as sent: not applied, send it again. Another version: the server is asked, in a
     * dry run, what this update would store now; kube-apiserver answers a write that changes nothing
     * with the stored object as it is, so an answer equal to the stored Backend means it already holds
     * this update (its defaults and any webhook's changes included). Anything else: someone else
     * wrote, a real conflict.
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
        if (wouldChangeNothing(sent.withMetadata(sent.getMetadata().withResourceVersion(current.getMetadata().getResourceVersion())),
                current, status)) {
            return Optional.of(current);
        }
        throw new BackendConflictException("Backend '" + name + "' in namespace '" + namespace + "' was changed by someone else"
                + " (stale resourceVersion " + sent.getMetadata().getResourceVersion() + ", now "
                + current.getMetadata().getResourceVersion() + ") while the answer to this " + (status ? "status update" : "update")
                + " was lost; read it again and retry", "", namespace, name, null);
    }

    /** @return whether writing {@code probe} (carrying the stored resourceVersion) would leave {@code stored} as it is */
    private boolean wouldChangeNothing(Backend probe, Backend stored, boolean status) {
        BackendResource resource = BackendResource.forWrite(probe, context.serialization());
        Backend answer;
        try {
            answer = context.executor().execute(status ? Call.writeStatus(namespace, probe.getMetadata().getName())
                            : Call.write("update", namespace, probe.getMetadata().getName()),
                    () -> (status ? statusOf(resource, true).update() : item(resource, true).update()).backend());
        } catch (BackendConflictException e) {
            return false; // changed again meanwhile
        }
        return Objects.equals(content(answer), content(stored));
    }

    /** The Backend without what every write changes: its resourceVersion and the times in managedFields. */
    private static Backend content(Backend backend) {
        return backend.withMetadata(backend.getMetadata().withManagedFields(List.of()).withResourceVersion(null));
    }

    @Override
    public Backend edit(String name, UnaryOperator<Backend> change) {
        return edit(name, change, false);
    }

    @Override
    public Backend updateStatus(String name, UnaryOperator<Backend> change) {
        return edit(name, change, true);
    }

    private Backend edit(String name, UnaryOperator<Backend> change, boolean status) {
        Objects.requireNonNull(change, "change");
        Names.requireName(name);
        return context.executor().asOneCall(() -> editRounds(name, change, status));
    }

    private Backend editRounds(String name, UnaryOperator<Backend> change, boolean status) {
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
            if (changed.equals(current)) {
                return current; // nothing to write: no request, no new resourceVersion, no watch event
            }
            if (status) {
                context.writeValidation().forStatus(changed, current);
            } else {
                context.writeValidation().forReplace(changed, current);
            }
            Backend toSend = changed;
            try {
                return replace(toSend, status, lost -> editLanded(toSend, current, status, lost));
            } catch (BackendConflictException e) {
                backOffAfterConflict(e, attempt, attempts);
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
        return confirmingNotFound(name, () -> context.executor().execute(Call.write("patch", namespace, name),
                () -> item(resource).patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                        .withFieldManager(context.applyOptions().fieldManager())
                        .withFieldValidation(context.fieldValidationSetting().parameter()).build(), mergePatchJson)).backend());
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
        RawRequests raw = new RawRequests(context.fabric8WithoutRetries());
        // after a lost answer, the retry deletes only the Backend the check saw, not one re-created meanwhile
        AtomicReference<String> seenUid = new AtomicReference<>();
        try {
            return context.executor().execute(Call.write("delete", namespace, name),
                    () -> raw.deleteOne(namespace, name, seenUid.get() == null ? options
                            : options.toBuilder().preconditionUid(seenUid.get()).build(), dryRun).code() != 404,
                    dryRun ? null : lost -> deleted(name, options, seenUid));
        } catch (BackendConflictException e) {
            if (seenUid.get() != null && options.preconditionUid().isEmpty()) {
                return true; // the Backend the check saw is gone: another one took the name since
            }
            throw e;
        }
    }

    /** After a delete whose answer was lost: gone, or marked for deletion, or another object by now, means it landed. */
    private Optional<Boolean> deleted(String name, DeleteOptions options, AtomicReference<String> seenUid) {
        Optional<Backend> stored = get(name);
        if (stored.isEmpty() || stored.get().getMetadata().getDeletionTimestamp() != null) {
            return Optional.of(true);
        }
        String uid = stored.get().getMetadata().getUid();
        if (options.preconditionUid().isPresent() && !options.preconditionUid().get().equals(uid)) {
            return Optional.of(true); // ours is gone; a new Backend took the name
        }
        seenUid.set(uid);
        return Optional.empty();
    }

    @Override
    public int deleteAll(BackendSelector selection) {
        Objects.requireNonNull(selection, "selection");
        if (selection.selectsAll()) {
            throw new IllegalArgumentException("deleteAll needs a label selector (BackendSelector.withLabel(..)); it never deletes every"
                    + " Backend of a namespace by accident");
        }
        RawRequests raw = new RawRequests(context.fabric8WithoutRetries());
        RawRequests.Answer answer = context.executor().execute(Call.write("deletecollection", namespace, null),
                () -> raw.deleteSelected(namespace, selection.labelSelector(), dryRun));
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

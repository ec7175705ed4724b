package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.ObjectMeta;
import dev.kgateway.sdk.model.Violation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The Backends of one namespace. */
public final class NamespacedBackends extends BackendCollection implements NamespacedBackendClient {

    /** Metadata the server owns; a server-side apply must not send it. */
    private static final List<String> SERVER_OWNED_MEMBERS = List.of("managedFields", "selfLink");

    public NamespacedBackends(ClientContext context, String namespace) {
        super(context, requireName(namespace, "namespace"));
    }

    @Override
    public String namespace() {
        return namespace;
    }

    private Resource<BackendResource> named(String name) {
        return context.operation().inNamespace(namespace).withName(requireName(name, "name"));
    }

    private Resource<BackendResource> item(BackendResource resource) {
        return context.operation().inNamespace(namespace).resource(resource);
    }

    @Override
    public Backend create(Backend backend) {
        Backend toSend = prepare(backend);
        toSend = toSend.withMetadata(toSend.getMetadata().withResourceVersion(null));
        BackendResource resource = BackendResource.forWrite(toSend, context.serialization());
        return context.executor().execute(Call.create(namespace, nameOf(toSend)),
                () -> context.createOperation().inNamespace(namespace).resource(resource).create()).backend();
    }

    @Override
    public Optional<Backend> get(String name) {
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
        Backend toSend = prepare(backend);
        BackendResource resource = BackendResource.forWrite(toSend, context.serialization());
        return context.executor().execute(Call.write("update", namespace, nameOf(toSend)), () -> item(resource).update()).backend();
    }

    @Override
    public Backend edit(String name, UnaryOperator<Backend> change) {
        Objects.requireNonNull(change, "change");
        int attempts = context.executor().policy().maxConflictAttempts();
        for (int attempt = 1; ; attempt++) {
            Backend current = require(name);
            Backend changed = Objects.requireNonNull(change.apply(current), "edit function returned null");
            if (changed.getMetadata() == null || !Objects.equals(changed.getMetadata().getResourceVersion(),
                    current.getMetadata().getResourceVersion())) {
                // keep the optimistic lock on the version we read, whatever the function did to metadata
                ObjectMeta meta = changed.getMetadata() == null ? current.getMetadata() : changed.getMetadata();
                changed = changed.withMetadata(meta.withResourceVersion(current.getMetadata().getResourceVersion()));
            }
            try {
                return update(changed);
            } catch (BackendConflictException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                RequestExecutor.sleep(RequestExecutor.jitter(context.executor().policy().backoff(attempt)));
            }
        }
    }

    @Override
    public Backend patch(String name, String mergePatchJson) {
        Objects.requireNonNull(mergePatchJson, "mergePatchJson");
        return context.executor().execute(Call.write("patch", namespace, name),
                () -> named(name).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatchJson)).backend();
    }

    @Override
    public Backend apply(Backend backend) {
        return apply(backend, context.applyOptions());
    }

    @Override
    public Backend apply(Backend backend, ApplyOptions options) {
        Objects.requireNonNull(options, "options");
        Backend toSend = prepare(backend);
        Map<String, JsonNode> unknown = new LinkedHashMap<>(toSend.getMetadata().getAdditionalProperties());
        unknown.keySet().removeAll(SERVER_OWNED_MEMBERS);
        ObjectMeta meta = toSend.getMetadata().toBuilder()
                .resourceVersion(null).uid(null).creationTimestamp(null).generation(null).deletionTimestamp(null)
                .additionalProperties(unknown)
                .build();
        BackendResource resource = BackendResource.forWrite(toSend.withMetadata(meta).withStatus(null), context.serialization());
        return context.executor().execute(Call.apply(namespace, nameOf(toSend)), () -> {
            ServerSideApplicable<BackendResource> apply = item(resource).fieldManager(options.fieldManager());
            return (options.force() ? apply.forceConflicts() : apply).serverSideApply();
        }).backend();
    }

    @Override
    public Backend updateStatus(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backend toSend = inNamespace(backend);
        if (context.validateBeforeWrite()) {
            List<Violation> statusViolations = toSend.validate().stream().filter(v -> v.path().startsWith("status")).toList();
            if (!statusViolations.isEmpty()) {
                throw new InvalidBackendException(statusViolations);
            }
        }
        BackendResource resource = BackendResource.forWrite(toSend, context.serialization());
        return context.executor().execute(Call.writeStatus(namespace, nameOf(toSend)),
                () -> item(resource).subresource("status").update()).backend();
    }

    @Override
    public boolean delete(String name) {
        return !context.executor().execute(Call.write("delete", namespace, name), () -> named(name).delete()).isEmpty();
    }

    @Override
    public Backend waitUntil(String name, Predicate<Backend> condition, Duration timeout) {
        return BackendWaiter.await(context, namespace, requireName(name, "name"), condition, timeout);
    }

    /** Puts the Backend in this namespace and validates it when the client does. */
    private Backend prepare(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backend inNamespace = inNamespace(backend);
        if (context.validateBeforeWrite()) {
            inNamespace.validateOrThrow();
        }
        return inNamespace;
    }

    private Backend inNamespace(Backend backend) {
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

    private static String nameOf(Backend backend) {
        return backend.getMetadata() == null || backend.getMetadata().getName() == null ? "" : backend.getMetadata().getName();
    }

    private static String requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}

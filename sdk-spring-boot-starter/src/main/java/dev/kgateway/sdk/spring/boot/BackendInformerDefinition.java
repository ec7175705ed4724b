package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.ListOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ManagedBackendInformer} caches: a namespace (or all), a label selector, a resync
 * period and an optional handler. Immutable.
 *
 * <pre>{@code
 * BackendInformerDefinition web = BackendInformerDefinition.inNamespace("shop")
 *     .withLabelSelector("team=web")
 *     .withHandler(new BackendEventHandler() {
 *         public void onAdd(Backend b) { routes.add(b); }
 *     });
 * }</pre>
 */
public final class BackendInformerDefinition {

    private static final BackendEventHandler NO_HANDLER = new BackendEventHandler() { };

    private final String namespace;
    private final ListOptions listOptions;
    private final Duration resync;
    private final BackendEventHandler handler;

    private BackendInformerDefinition(String namespace, ListOptions listOptions, Duration resync, BackendEventHandler handler) {
        this.namespace = namespace;
        this.listOptions = Objects.requireNonNull(listOptions, "listOptions");
        this.resync = Objects.requireNonNull(resync, "resync");
        if (resync.isNegative()) {
            throw new IllegalArgumentException("resync must not be negative, was " + resync);
        }
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** @return a definition caching every Backend of every namespace */
    public static BackendInformerDefinition allNamespaces() {
        return new BackendInformerDefinition(null, ListOptions.all(), Duration.ZERO, NO_HANDLER);
    }

    /** @return a definition caching every Backend of {@code namespace} */
    public static BackendInformerDefinition inNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be empty; use allNamespaces() for every namespace");
        }
        return new BackendInformerDefinition(namespace, ListOptions.all(), Duration.ZERO, NO_HANDLER);
    }

    /** @return a copy selecting only the Backends {@code selector} matches ({@code "team=web,tier!=gold"}) */
    public BackendInformerDefinition withLabelSelector(String selector) {
        return withListOptions(selector == null || selector.isBlank() ? ListOptions.all() : ListOptions.withLabelSelector(selector));
    }

    /** @return a copy selecting only the Backends {@code options} select */
    public BackendInformerDefinition withListOptions(ListOptions options) {
        return new BackendInformerDefinition(namespace, options, resync, handler);
    }

    /** @return a copy whose handler sees every cached Backend again each {@code period} ({@link Duration#ZERO}: never) */
    public BackendInformerDefinition withResync(Duration period) {
        return new BackendInformerDefinition(namespace, listOptions, period, handler);
    }

    /** @return a copy that calls {@code eventHandler} for every change of the cache */
    public BackendInformerDefinition withHandler(BackendEventHandler eventHandler) {
        return new BackendInformerDefinition(namespace, listOptions, resync, eventHandler);
    }

    /** @return the namespace, or {@code null} for every namespace */
    public String namespace() {
        return namespace;
    }

    /** @return the label requirements */
    public ListOptions listOptions() {
        return listOptions;
    }

    /** @return the resync period, {@link Duration#ZERO} for none */
    public Duration resync() {
        return resync;
    }

    /** @return the handler (one that does nothing when none was set) */
    public BackendEventHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return "BackendInformerDefinition{namespace=" + (namespace == null ? "*" : namespace)
                + ", selector=" + listOptions.labelSelector() + ", resync=" + resync + "}";
    }
}

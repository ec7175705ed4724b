package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;

import java.time.Duration;
import java.util.List;

/**
 * Operations on a set of Backends: one namespace ({@link NamespacedBackendClient}) or all of them
 * ({@link AnyNamespaceBackendClient}).
 *
 * <pre>{@code
 * List<Backend> team = kgw.backends().inAnyNamespace().list(ListOptions.withLabel("team", "search"));
 * }</pre>
 */
public interface BackendCollectionClient {

    /** @return every Backend in scope, all pages joined */
    List<Backend> list();

    /** @return the Backends in scope that {@code options} select, all pages joined */
    List<Backend> list(ListOptions options);

    /**
     * Watches every Backend in scope from now on (existing Backends produce no event).
     *
     * @param listener receives the events, one at a time
     * @return the running watch
     */
    BackendWatch watch(BackendWatchListener listener);

    /**
     * Watches the Backends in scope that {@code options} select.
     *
     * @param options  label requirements
     * @param listener receives the events, one at a time
     * @return the running watch
     */
    BackendWatch watch(ListOptions options, BackendWatchListener listener);

    /**
     * Starts an informer over every Backend in scope, without periodic resync.
     *
     * @param handler receives cache changes
     * @return the running informer
     */
    BackendInformer inform(BackendEventHandler handler);

    /**
     * Starts an informer over the Backends in scope that {@code options} select.
     *
     * @param options label requirements
     * @param handler receives cache changes
     * @param resync  how often the handler sees every cached Backend again ({@code onUpdate}); {@link Duration#ZERO} for never
     * @return the running informer
     */
    BackendInformer inform(ListOptions options, BackendEventHandler handler, Duration resync);
}

package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.BackendCollectionClient;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** List, watch and inform over one namespace or all of them. */
abstract class AbstractBackendCollectionClient implements BackendCollectionClient {

    /** How often a paged list restarts when its continue token expires (HTTP 410). */
    private static final int LIST_RESTARTS = 3;

    final ClientContext context;
    /** The namespace, or {@code null} for all namespaces. */
    final String namespace;

    AbstractBackendCollectionClient(ClientContext context, String namespace) {
        this.context = context;
        this.namespace = namespace;
    }

    FilterWatchListDeletable<BackendResource, BackendResourceList, Resource<BackendResource>> scope(ListOptions options) {
        FilterWatchListDeletable<BackendResource, BackendResourceList, Resource<BackendResource>> scope =
                namespace == null ? context.operation(options).inAnyNamespace() : context.operation(options).inNamespace(namespace);
        String selector = options.labelSelector();
        return selector.isEmpty() ? scope : scope.withLabelSelector(selector);
    }

    @Override
    public List<Backend> list() {
        return list(ListOptions.all());
    }

    @Override
    public List<Backend> list(ListOptions options) {
        return snapshot(options).backends();
    }

    /** Every page of a list, joined, with the resourceVersion of the whole list. */
    Snapshot snapshot(ListOptions options) {
        Objects.requireNonNull(options, "options");
        Call call = Call.read("list", namespace, null);
        for (int restart = 0; ; restart++) {
            List<Backend> out = new ArrayList<>();
            String resourceVersion = null;
            String token = null;
            try {
                do {
                    String continueToken = token;
                    BackendResourceList page = context.executor().execute(call, () -> scope(options).list(new ListOptionsBuilder()
                            .withLimit((long) options.pageSize())
                            .withContinue(continueToken)
                            .build()));
                    for (BackendResource item : page.getItems()) {
                        out.add(item.backend());
                    }
                    token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
                    if (resourceVersion == null && page.getMetadata() != null) {
                        resourceVersion = page.getMetadata().getResourceVersion();
                    }
                } while (token != null && !token.isEmpty());
                return new Snapshot(List.copyOf(out), resourceVersion);
            } catch (KgatewayApiException e) {
                boolean expiredToken = e.details().code() == 410 && token != null;
                if (!expiredToken || restart >= LIST_RESTARTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public BackendWatch watch(BackendWatchListener listener) {
        return watch(ListOptions.all(), listener);
    }

    @Override
    public BackendWatch watch(ListOptions options, BackendWatchListener listener) {
        RelistingWatch watch = new RelistingWatch(this, options, listener);
        context.track(watch);
        watch.start();
        return watch;
    }

    @Override
    public BackendInformer inform(BackendEventHandler handler) {
        return inform(ListOptions.all(), handler, Duration.ZERO);
    }

    @Override
    public BackendInformer inform(ListOptions options, BackendEventHandler handler, Duration resync) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        Call call = Call.read("list", namespace, null);
        // no limit: fabric8 then lists from the API server's watch cache (resourceVersion=0), unpaged;
        // a page size the caller chose asks for a paged list from etcd (see BackendInformer)
        SharedIndexInformer<BackendResource> informer = options.pageSize() == ListOptions.DEFAULT_PAGE_SIZE
                ? scope(options).runnableInformer(resync.toMillis())
                : scope(options).withLimit((long) options.pageSize()).runnableInformer(resync.toMillis());
        InformerAdapter adapter = new InformerAdapter(informer, handler, context, call);
        context.track(adapter);
        try {
            adapter.start();
        } catch (RuntimeException e) {
            adapter.close();
            throw e;
        }
        return adapter;
    }

    /** A joined list and the resourceVersion to watch from. */
    record Snapshot(List<Backend> backends, String resourceVersion) {
    }
}

package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendWaitTimeoutException;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * {@code waitUntil}: an informer on one Backend (by name) that completes when the Backend satisfies
 * the condition. Unlike fabric8's {@code waitUntilCondition}, which stops its informer only on
 * timeout, the informer is stopped however the wait ends (satisfied, timed out, failed, interrupted,
 * or the client closed), and the client tracks it meanwhile, so {@code close()} ends the wait. A
 * failed list or watch is retried as in {@link InformerAdapter}, unless repeating cannot help.
 */
final class BackendWaiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackendWaiter.class);

    private final ClientContext context;
    private final String namespace;
    private final String name;
    private final Call call;
    private final CompletableFuture<Backend> result = new CompletableFuture<>();
    private volatile Backend lastSeen;
    private volatile SharedIndexInformer<BackendResource> informer;

    private BackendWaiter(ClientContext context, String namespace, String name) {
        this.context = context;
        this.namespace = namespace;
        this.name = name;
        this.call = Call.read("watch", namespace, name);
    }

    /**
     * @return the first version of the Backend that satisfied {@code condition}
     * @throws BackendWaitTimeoutException when {@code timeout} passed first
     * @throws KgatewayException           when the thread was interrupted, the client closed, or the server refused the watch
     */
    static Backend await(ClientContext context, String namespace, String name, Predicate<Backend> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        BackendWaiter waiter = new BackendWaiter(context, namespace, name);
        context.track(waiter);
        try {
            return waiter.run(condition, timeout);
        } finally {
            waiter.close();
        }
    }

    private Backend run(Predicate<Backend> condition, Duration timeout) {
        SharedIndexInformer<BackendResource> inf = context.operation().inNamespace(namespace).withName(name).runnableInformer(0);
        informer = inf;
        inf.exceptionHandler((synced, failure) -> {
            if (result.isDone() || WatchFailures.terminal(failure)) {
                result.completeExceptionally(WatchFailures.map(failure, call));
                return false;
            }
            LOG.debug("waitUntil: list or watch of Backend '{}' failed ({}); retrying", name, failure.getClass().getName());
            return true;
        });
        inf.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(BackendResource obj) {
                test(obj);
            }

            @Override
            public void onUpdate(BackendResource oldObj, BackendResource newObj) {
                test(newObj);
            }

            @Override
            public void onDelete(BackendResource obj, boolean deletedFinalStateUnknown) {
                lastSeen = null;
            }

            private void test(BackendResource resource) {
                Backend backend = resource.backend();
                lastSeen = backend;
                try {
                    if (condition.test(backend)) {
                        result.complete(backend);
                    }
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        if (result.isDone()) {
            return join(timeout); // closed meanwhile
        }
        inf.start();
        return join(timeout);
    }

    private Backend join(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BackendWaitTimeoutException(namespace, name, timeout, lastSeen);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw WatchFailures.map(cause, call);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KgatewayException("interrupted while waiting for Backend '" + name + "' in namespace '" + namespace
                    + "'; the wait was stopped", e);
        }
    }

    /** Stops the informer; a wait still in progress ends with an exception saying the client was closed. */
    @Override
    public void close() {
        result.completeExceptionally(new KgatewayException("the KgatewayClient was closed while waiting for Backend '" + name
                + "' in namespace '" + namespace + "'"));
        SharedIndexInformer<BackendResource> inf = informer;
        if (inf != null) {
            inf.close();
        }
        context.untrack(this);
    }
}

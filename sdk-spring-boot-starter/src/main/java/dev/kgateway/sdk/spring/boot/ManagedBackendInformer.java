package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.BackendCollectionClient;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link BackendInformer} bean that the application context starts (when it has started) and
 * stops (when it closes). Before it starts and after it stops it holds no Backends and
 * {@link #hasSynced()} is {@code false}. The starter's health indicator and metrics report every
 * bean of this type.
 *
 * <pre>{@code
 * @Bean
 * ManagedBackendInformer webBackends(KgatewayClient kgw) {
 *     return new ManagedBackendInformer("webBackends", kgw,
 *         BackendInformerDefinition.inNamespace("shop").withLabelSelector("team=web"));
 * }
 * }</pre>
 *
 * Informers can also be declared as properties ({@code kgateway.informers.<name>.namespace},
 * {@code .label-selector}, {@code .resync}): each becomes a bean of this type named {@code <name>}.
 */
public final class ManagedBackendInformer implements BackendInformer, SmartLifecycle {

    private final String name;
    private final KgatewayClient client;
    private final BackendInformerDefinition definition;
    private final AtomicReference<BackendInformer> running = new AtomicReference<>();
    private final LongAdder adds = new LongAdder();
    private final LongAdder updates = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private volatile Instant lastChange;

    /**
     * @param name       how health and metrics name it (a low-cardinality name of your choosing, such as the bean name)
     * @param client     the client whose connection it uses
     * @param definition what it caches
     */
    public ManagedBackendInformer(String name, KgatewayClient client, BackendInformerDefinition definition) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("informer name must not be empty");
        }
        this.name = name;
        this.client = Objects.requireNonNull(client, "client");
        this.definition = Objects.requireNonNull(definition, "definition");
    }

    /** @return the name health and metrics report it under */
    public String name() {
        return name;
    }

    /** @return what it caches */
    public BackendInformerDefinition definition() {
        return definition;
    }

    /** Starts the informer (list, then watch); does nothing when it runs already. */
    @Override
    public synchronized void start() {
        if (running.get() != null) {
            return;
        }
        BackendCollectionClient scope = definition.namespace() == null
                ? client.backends().inAnyNamespace()
                : client.backends().inNamespace(definition.namespace());
        running.set(scope.inform(definition.listOptions(), new CountingHandler(definition.handler()), definition.resync()));
    }

    /** Stops the informer and empties the cache; it can be started again. */
    @Override
    public synchronized void stop() {
        BackendInformer informer = running.getAndSet(null);
        if (informer != null) {
            informer.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get() != null;
    }

    @Override
    public List<Backend> list() {
        BackendInformer informer = running.get();
        return informer == null ? List.of() : informer.list();
    }

    @Override
    public List<Backend> list(String namespace) {
        BackendInformer informer = running.get();
        return informer == null ? List.of() : informer.list(namespace);
    }

    @Override
    public Optional<Backend> get(String namespace, String backendName) {
        BackendInformer informer = running.get();
        return informer == null ? Optional.empty() : informer.get(namespace, backendName);
    }

    @Override
    public boolean hasSynced() {
        BackendInformer informer = running.get();
        return informer != null && informer.hasSynced();
    }

    /** @return whether it synced within {@code timeout}; {@code false} at once when it is not running */
    @Override
    public boolean waitUntilSynced(Duration timeout) {
        BackendInformer informer = running.get();
        return informer != null && informer.waitUntilSynced(timeout);
    }

    /** @return the running informer's latest list or watch failure; empty when it is not running */
    @Override
    public Optional<dev.kgateway.sdk.KgatewayException> lastError() {
        BackendInformer informer = running.get();
        return informer == null ? Optional.empty() : informer.lastError();
    }

    @Override
    public String lastSyncResourceVersion() {
        BackendInformer informer = running.get();
        return informer == null ? null : informer.lastSyncResourceVersion();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** @return how many Backends entered the cache since this bean was created */
    public long addedCount() {
        return adds.sum();
    }

    /** @return how many cache updates (resyncs included) the handler saw since this bean was created */
    public long updatedCount() {
        return updates.sum();
    }

    /** @return how many Backends left the cache since this bean was created */
    public long deletedCount() {
        return deletes.sum();
    }

    /** @return when the cache last changed (add, update or delete), or empty when it never did */
    public Optional<Instant> lastChange() {
        return Optional.ofNullable(lastChange);
    }

    @Override
    public String toString() {
        return "ManagedBackendInformer{name=" + name + ", " + definition + ", running=" + isRunning() + "}";
    }

    /** Counts what the informer applies to its cache, then hands it to the application's handler. */
    private final class CountingHandler implements BackendEventHandler {
        private final BackendEventHandler delegate;

        CountingHandler(BackendEventHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onAdd(Backend backend) {
            adds.increment();
            lastChange = Instant.now();
            delegate.onAdd(backend);
        }

        @Override
        public void onUpdate(Backend oldBackend, Backend newBackend) {
            updates.increment();
            lastChange = Instant.now();
            delegate.onUpdate(oldBackend, newBackend);
        }

        @Override
        public void onDelete(Backend backend, boolean finalStateUnknown) {
            deletes.increment();
            lastChange = Instant.now();
            delegate.onDelete(backend, finalStateUnknown);
        }
    }
}

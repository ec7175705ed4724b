package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.KgatewayClientListener;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.model.DecodeOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What every operation of one {@code KgatewayClient} shares: the fabric8 client and its typed
 * operation, settings, and the watches and informers to stop on close.
 */
public final class ClientContext {

    private final KubernetesClient client;
    private final KubernetesClient withoutRetries;
    /** Reads and writes that keep everything. */
    private final Reads reads;
    /** Reads that strip (shared by every list, watch and informer with the same options); transforms get their own. */
    private final Map<DecodeOptions, Reads> strippingReads = new ConcurrentHashMap<>();
    /**
     * Reads with a transform, by transform and decode options; bounded, so a caller making a new
     * lambda per call does not grow it without end (a dropped entry is just made again).
     */
    private final Map<TransformKey, Reads> transformingReads = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TransformKey, Reads> eldest) {
            return size() > 16;
        }
    };
    /** Set once a read dropped the last-applied annotation: updates then check they would not remove it. */
    private volatile boolean lastAppliedStripped;
    private final RequestExecutor executor;
    private final WriteValidation writeValidation;
    private final ApplyOptions applyOptions;
    private final KgatewayClientListener listener;
    private final Set<AutoCloseable> running = ConcurrentHashMap.newKeySet();
    /** Guards {@link #closed} against {@link #track}: a watch started while the client closes is either closed or refused. */
    private final Object lifecycle = new Object();
    private boolean closed;
    private volatile dev.kgateway.sdk.client.FieldValidation fieldValidation = dev.kgateway.sdk.client.FieldValidation.STRICT;

    public ClientContext(KubernetesClient client, dev.kgateway.sdk.client.RetryPolicy retryPolicy, boolean validateBeforeWrite,
                         ApplyOptions applyOptions) {
        this(client, retryPolicy, validateBeforeWrite, applyOptions, null);
    }

    /** @param hints the Retry-After interceptor installed on {@code client}, or {@code null} when it has none */
    public ClientContext(KubernetesClient client, dev.kgateway.sdk.client.RetryPolicy retryPolicy, boolean validateBeforeWrite,
                         ApplyOptions applyOptions, RetryAfterHints hints) {
        this(client, retryPolicy, context -> validateBeforeWrite ? WriteRules.SDK_SCHEMA : null, applyOptions, hints,
                KgatewayClientListener.NOOP);
    }

    /**
     * @param rules    the schema writes are checked against, made for this context; {@code null} from it: no checks
     * @param hints    the Retry-After interceptor installed on {@code client}, or {@code null} when it has none
     * @param listener hears requests, retries, conflicts and re-lists ({@link SafeListener#of} of the user's, so none throws)
     */
    public ClientContext(KubernetesClient client, dev.kgateway.sdk.client.RetryPolicy retryPolicy,
                         Function<ClientContext, WriteRules> rules, ApplyOptions applyOptions, RetryAfterHints hints,
                         KgatewayClientListener listener) {
        this.client = client;
        this.listener = listener;
        UnstableVersionNotice.markGiven();
        this.withoutRetries = withoutFabric8Retries(client);
        // one retry layer: the SDK's (a wrapped client's own retries would multiply its attempts)
        this.reads = reads(DecodeOptions.defaults(), null);
        this.executor = new RequestExecutor(retryPolicy, hints, this.listener);
        this.applyOptions = applyOptions;
        this.writeValidation = new WriteValidation(rules.apply(this));
    }

    /** A transform by identity (lambdas have no other equality) and the decode options it goes with. */
    private record TransformKey(DecodeOptions decode, java.util.function.UnaryOperator<dev.kgateway.sdk.model.Backend> transform) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TransformKey k && k.decode == decode && k.transform == transform;
        }

        @Override
        public int hashCode() {
            return 31 * decode.hashCode() + System.identityHashCode(transform);
        }
    }

    /** A fabric8 operation on Backends and the serialization it reads and writes with. */
    record Reads(KubernetesSerialization serialization,
                 MixedOperation<BackendResource, BackendResourceList, Resource<BackendResource>> operation) {
    }

    /**
     * The SDK's own serialization ({@link BackendSerialization}) over a client derived from the
     * wrapped one, so decoding settings never reach other users of the wrapped client. A client
     * that is not fabric8's implementation cannot be derived from: its own serialization is used,
     * with the Backend kind registered in it, and reads that strip or transform are refused.
     */
    private Reads reads(DecodeOptions decode, ReadTransform transform) {
        KubernetesSerialization own = BackendSerialization.create(decode, transform);
        KubernetesClient derived = BackendSerialization.withSerialization(withoutRetries, own);
        if (derived == null) {
            if (decode.stripsAnything() || transform != null) {
                throw new UnsupportedOperationException("stripping and transforming reads need fabric8's own KubernetesClient"
                        + " implementation underneath; this KgatewayClient wraps a " + withoutRetries.getClass().getName());
            }
            registerBackendKind(withoutRetries.getKubernetesSerialization());
            return new Reads(withoutRetries.getKubernetesSerialization(),
                    withoutRetries.resources(BackendResource.class, BackendResourceList.class));
        }
        return new Reads(own, derived.resources(BackendResource.class, BackendResourceList.class));
    }

    /**
     * @return the operation that reads as {@code options} say: the plain one without stripping or
     *         transform, a shared stripping one, or (with a transform) one of its own
     */
    MixedOperation<BackendResource, BackendResourceList, Resource<BackendResource>> operation(ListOptions options) {
        DecodeOptions decode = options.decodeOptions();
        if (decode.stripsLastAppliedAnnotation()) {
            lastAppliedStripped = true;
        }
        if (options.transform().isPresent()) {
            TransformKey key = new TransformKey(decode, options.transform().get());
            synchronized (transformingReads) {
                return transformingReads.computeIfAbsent(key, k -> reads(k.decode(), new ReadTransform(k.transform()))).operation();
            }
        }
        if (!decode.stripsAnything()) {
            return reads.operation();
        }
        return strippingReads.computeIfAbsent(decode, d -> reads(d, null)).operation();
    }

    /**
     * @return whether a read of this client dropped kubectl's last-applied annotation: an update of a
     *         Backend read that way would remove the annotation from the server
     */
    boolean lastAppliedStripped() {
        return lastAppliedStripped;
    }

    /**
     * Only for a wrapped client that is not fabric8's implementation (see {@link #reads}): maps
     * apiVersion/kind {@code gateway.kgateway.dev/v1alpha1 Backend} to {@link BackendResource} in the
     * client's serialization, unless something is mapped there already. fabric8 reads the object of a
     * watch event by that mapping, not by the operation's type: unmapped, every watch or informer event
     * was read into a GenericKubernetesResource (through a JSON tree) and then converted with
     * {@code convertValue} (serialized and read again) into the model. Mapped, it is read once, straight
     * into the model. Lists are unaffected (their item type is declared). Side effect on a fabric8
     * client the caller shares: wherever it picks a class by apiVersion/kind (watch events of other
     * operations, untyped loads), a Backend now becomes a BackendResource (a HasMetadata that writes
     * back unchanged) instead of a GenericKubernetesResource.
     */
    private static void registerBackendKind(KubernetesSerialization serialization) {
        if (serialization.getRegisteredKubernetesResource(dev.kgateway.sdk.model.Backend.API_VERSION,
                dev.kgateway.sdk.model.Backend.KIND) == null) {
            serialization.registerKubernetesResource(BackendResource.class);
        }
    }

    KubernetesClient client() {
        return client;
    }

    /** @return the fabric8 client with fabric8's request retries off (the wrapped one when they are off already) */
    public KubernetesClient fabric8WithoutRetries() {
        return withoutRetries;
    }

    KubernetesSerialization serialization() {
        return reads.serialization();
    }

    MixedOperation<BackendResource, BackendResourceList, Resource<BackendResource>> operation() {
        return reads.operation();
    }

    /** The operation for creates: never repeated by fabric8, whatever the wrapped client's retry settings. */
    MixedOperation<BackendResource, BackendResourceList, Resource<BackendResource>> createOperation() {
        return reads.operation();
    }

    /**
     * fabric8 repeats any request, a POST too, after a 5xx answer or a lost connection, up to the
     * client's {@code requestRetryBackoffLimit} (10 by default): a create could be applied twice,
     * and under the SDK's own retries a persistent 5xx cost 4 x 11 requests. Every request goes
     * through a derived client (same connections and credentials) with that limit at 0.
     */
    private static KubernetesClient withoutFabric8Retries(KubernetesClient client) {
        Integer limit = client.getConfiguration().getRequestRetryBackoffLimit();
        if (limit != null && limit <= 0) {
            return client;
        }
        RequestConfig noRetries = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0)
                .build();
        return client.newClient(noRetries).adapt(KubernetesClient.class);
    }

    RequestExecutor executor() {
        return executor;
    }

    public KgatewayClientListener listener() {
        return listener;
    }

    /** @return what writes are checked against before they are sent */
    public WriteValidation writeValidation() {
        return writeValidation;
    }

    /** Sets the {@code fieldValidation} of every write; {@code KgatewayClient} sets it once, before any request. */
    public void fieldValidation(dev.kgateway.sdk.client.FieldValidation validation) {
        this.fieldValidation = java.util.Objects.requireNonNull(validation, "validation");
    }

    io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation fieldValidation() {
        return switch (fieldValidation) {
            case STRICT -> io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT;
            case WARN -> io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.WARN;
            case IGNORE -> io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.IGNORE;
        };
    }

    dev.kgateway.sdk.client.FieldValidation fieldValidationSetting() {
        return fieldValidation;
    }

    ApplyOptions applyOptions() {
        return applyOptions;
    }

    /**
     * Registers a watch, informer or wait to stop on {@link #closeRunning()}.
     *
     * @throws IllegalStateException when the client was closed already
     */
    void track(AutoCloseable closeable) {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("this KgatewayClient is closed; it starts no more watches, informers or waits");
            }
            running.add(closeable);
        }
    }

    void untrack(AutoCloseable closeable) {
        running.remove(closeable);
    }

    /** @return whether {@link #closeRunning()} ran, or the fabric8 client underneath was closed */
    boolean closed() {
        synchronized (lifecycle) {
            return closed || fabric8Closed();
        }
    }

    /**
     * @return whether the fabric8 client was closed (by its owner, for a client passed to
     *         {@code KgatewayClient.from(..)}); its watches then end without telling their watchers,
     *         because fabric8 hands that news to an executor that closed with the client
     */
    boolean fabric8Closed() {
        return client.getHttpClient().isClosed();
    }

    /** Stops every watch, informer and wait still running; later ones are refused. Idempotent. */
    public void closeRunning() {
        List<AutoCloseable> toClose;
        synchronized (lifecycle) {
            closed = true;
            toClose = List.copyOf(running);
        }
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is best effort; the fabric8 client is closed next anyway
            }
        }
        running.clear();
    }
}

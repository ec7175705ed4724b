package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.internal.ClientContext;
import dev.kgateway.sdk.client.internal.FieldManagers;
import dev.kgateway.sdk.client.internal.ClusterCrdRules;
import dev.kgateway.sdk.client.internal.CrdInstaller;
import dev.kgateway.sdk.client.internal.CrdWriteRules;
import dev.kgateway.sdk.client.internal.WriteRules;
import dev.kgateway.sdk.client.internal.DefaultBackendClient;
import dev.kgateway.sdk.client.internal.RetryAfterHints;
import dev.kgateway.sdk.client.internal.SafeListener;
import dev.kgateway.sdk.client.internal.ServerWarnings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kgateway SDK's client: typed Backend operations on a Kubernetes cluster, over the fabric8
 * Kubernetes client. Thread-safe; create one and share it. Closing it stops its watches and
 * informers and, when it created the fabric8 client itself, closes that too.
 *
 * <pre>{@code
 * try (KgatewayClient kgw = KgatewayClient.create()) {           // kubeconfig or in-cluster, as fabric8 finds it
 *     NamespacedBackendClient ai = kgw.backends().inNamespace("ai");
 *     Backend created = ai.create(backend);
 *     Optional<Backend> found = ai.get("openai");
 * }
 * }</pre>
 *
 * <p>Requests that are safe to repeat (everything but create) are retried after HTTP 429, 5xx and
 * lost connections according to the {@link RetryPolicy}; a create is never retried, by the SDK or by
 * fabric8, so it is never sent twice. TLS settings come from the kubeconfig only; the
 * SDK never turns certificate checks off.
 */
public final class KgatewayClient implements AutoCloseable {

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final ClientContext context;
    private final BackendClient backends;
    private final RetryPolicy retryPolicy;

    private KgatewayClient(Builder builder) {
        this.ownsClient = builder.client == null;
        // a client built here hears Retry-After headers; a wrapped one keeps fabric8's own retries, which do
        RetryAfterHints hints = ownsClient ? new RetryAfterHints() : null;
        String fieldManager = builder.fieldManager != null ? builder.fieldManager : FieldManagers.applicationDefault();
        ServerWarnings warnings = new ServerWarnings();
        this.client = ownsClient ? new KubernetesClientBuilder().withConfig(withoutFabric8Retries(builder.config))
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(RetryAfterHints.NAME, hints)
                        .addOrReplaceInterceptor(FieldManagers.Parameter.NAME, new FieldManagers.Parameter(fieldManager))
                        .addOrReplaceInterceptor(ServerWarnings.NAME, warnings))
                .build() : builder.client;
        ApplyOptions applyOptions = builder.applyOptions != null ? builder.applyOptions : ApplyOptions.fieldManager(fieldManager);
        this.retryPolicy = builder.retryPolicy;
        CrdValidation validation = builder.crdValidation;
        this.context = new ClientContext(client, builder.retryPolicy, ctx -> rules(validation, ctx), applyOptions, hints,
                SafeListener.of(builder.listeners));
        context.fieldValidation(builder.fieldValidation);
        warnings.listener(context.listener());
        this.backends = new DefaultBackendClient(context);
    }

    /** The classes of the optional kgateway-sdk-validation are touched only for the choices that need them. */
    private static WriteRules rules(CrdValidation validation, ClientContext context) {
        return switch (validation.source()) {
            case OFF -> null;
            case SDK_SCHEMA -> WriteRules.SDK_SCHEMA;
            case RELEASE -> CrdWriteRules.forRelease(validation.release());
            case CLUSTER -> new ClusterCrdRules(context);
        };
    }

    /** @return a client configured from the kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config}) or the in-cluster service account */
    public static KgatewayClient create() {
        return builder().build();
    }

    /**
     * Wraps a fabric8 client you already have; closing the KgatewayClient leaves it open. The SDK
     * sends its requests through a client derived from it (same connections and credentials) with
     * fabric8's own request retries off, so the SDK's {@link RetryPolicy} is the only retry layer:
     * a persistent 5xx costs {@code maxAttempts} requests, not {@code maxAttempts} times fabric8's.
     *
     * @return a client with default settings over {@code kubernetesClient}
     */
    public static KgatewayClient from(KubernetesClient kubernetesClient) {
        return builder().kubernetesClient(kubernetesClient).build();
    }

    /** @return a builder for a client with custom settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return Backend operations: {@code backends().inNamespace("ai")}, {@code backends().inAnyNamespace()} */
    public BackendClient backends() {
        return backends;
    }

    /** @return the underlying fabric8 client, for everything beyond Backends */
    public KubernetesClient kubernetesClient() {
        return client;
    }

    /**
     * Installs the Backend CustomResourceDefinition the SDK was built from (carried in the model
     * jar), for clusters and tests without kgateway, and waits (up to 60 s) until the API server
     * serves Backends ({@code Established}). An existing CRD is left untouched unless
     * {@code overwrite} is set; even then a CRD the SDK did not install (kgateway's own) is never
     * replaced: see {@link #installCrd(CrdInstallOptions)}.
     *
     * @param overwrite whether to replace a CRD that the SDK installed before
     * @return {@code true} when the CRD was created or replaced, {@code false} when one existed and was kept
     *         (also when another client created it at the same moment)
     * @throws dev.kgateway.sdk.KgatewayException when asked to overwrite a CRD the SDK did not install, or
     *                                            when the CRD is not Established in time
     */
    public boolean installCrd(boolean overwrite) {
        return installCrd(overwrite ? CrdInstallOptions.overwrite() : CrdInstallOptions.defaults());
    }

    /**
     * Installs the Backend CRD as {@code options} say, then waits for {@code Established}.
     *
     * <pre>{@code
     * kgw.installCrd(CrdInstallOptions.defaults());               // create when missing
     * kgw.installCrd(CrdInstallOptions.forceReplaceForeign());    // replace even kgateway's own CRD
     * }</pre>
     *
     * @return {@code true} when the CRD was created or replaced, {@code false} when one existed and was kept
     * @throws dev.kgateway.sdk.KgatewayException when an existing CRD was not installed by the SDK and
     *                                            {@code options} do not force its replacement, or when the
     *                                            CRD is not Established within {@code options.establishedTimeout()}
     */
    public boolean installCrd(CrdInstallOptions options) {
        Objects.requireNonNull(options, "options");
        return new CrdInstaller(context.fabric8WithoutRetries(), retryPolicy).install(options);
    }

    /** Stops this client's watches and informers, and closes the fabric8 client when this client created it. */
    @Override
    public void close() {
        context.closeRunning();
        if (ownsClient) {
            client.close();
        }
    }

    /** Never shows credentials. */
    @Override
    public String toString() {
        return "KgatewayClient{server=" + client.getMasterUrl() + ", namespace=" + client.getNamespace() + "}";
    }

    private static Config withoutFabric8Retries(Config config) {
        Config base = config == null ? Config.autoConfigure(null) : config;
        return new ConfigBuilder(base).withRequestRetryBackoffLimit(0).build();
    }

    /**
     * Builds a {@link KgatewayClient}.
     *
     * <pre>{@code
     * KgatewayClient kgw = KgatewayClient.builder()
     *     .config(new ConfigBuilder().withMasterUrl("https://k8s.example:6443").build())
     *     .retryPolicy(RetryPolicy.DEFAULT)
     *     .applyOptions(ApplyOptions.fieldManager("my-operator"))
     *     .crdValidation(CrdValidation.cluster())     // check writes against the cluster's Backend CRD
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        private KubernetesClient client;
        private Config config;
        private CrdValidation crdValidation = CrdValidation.sdkSchema();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private ApplyOptions applyOptions;
        private String fieldManager;
        private FieldValidation fieldValidation = FieldValidation.STRICT;
        private final List<KgatewayClientListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** @return this builder, using an existing fabric8 client (not closed by the KgatewayClient) */
        public Builder kubernetesClient(KubernetesClient kubernetesClient) {
            this.client = Objects.requireNonNull(kubernetesClient, "kubernetesClient");
            return this;
        }

        /** @return this builder, creating a fabric8 client from {@code config} instead of the kubeconfig */
        public Builder config(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param validate whether create, update, edit and apply check the Backend first (default {@code true});
         *                 {@code false} is {@code crdValidation(CrdValidation.off())}, {@code true} keeps the
         *                 chosen {@link CrdValidation} ({@code sdkSchema()} when it was {@code off()})
         * @return this builder
         */
        public Builder validateBeforeWrite(boolean validate) {
            if (!validate) {
                this.crdValidation = CrdValidation.off();
            } else if (crdValidation.source() == CrdValidation.Source.OFF) {
                this.crdValidation = CrdValidation.sdkSchema();
            }
            return this;
        }

        /**
         * Chooses the schema writes are checked against before they are sent (default
         * {@link CrdValidation#sdkSchema()}). A write that breaks it, or holds a member the chosen CRD
         * would prune, fails with {@link dev.kgateway.sdk.model.InvalidBackendException} and nothing is sent.
         *
         * <pre>{@code
         * KgatewayClient kgw = KgatewayClient.builder().crdValidation(CrdValidation.cluster()).build();
         * }</pre>
         *
         * @return this builder
         */
        public Builder crdValidation(CrdValidation validation) {
            this.crdValidation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** @return this builder, with {@code policy} for retries */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Names the field manager of every write: kube-apiserver records it in {@code managedFields} as the
         * owner of the fields a create, update, patch or apply set, and a server-side apply by another
         * manager that changes them is a conflict. Default: system property {@code kgateway.sdk.fieldManager},
         * else environment variable {@code KGATEWAY_FIELD_MANAGER}, else the application's main class or jar
         * name in lower case ({@code com.example.BillingOperator} gives {@code billing-operator}), else
         * {@code kgateway-java-sdk}. Give each application its own: two that apply different fields under
         * one name remove each other's. A client made with {@link #kubernetesClient(KubernetesClient)} names
         * it on patches and applies only; on creates and updates the server records that client's User-Agent.
         *
         * <pre>{@code
         * KgatewayClient kgw = KgatewayClient.builder().fieldManager("billing-operator").build();
         * }</pre>
         *
         * @return this builder
         */
        public Builder fieldManager(String fieldManager) {
            this.fieldManager = ApplyOptions.fieldManager(fieldManager).fieldManager();
            return this;
        }

        /**
         * Chooses what the API server does with members of a written Backend that its CRD does not declare
         * (default {@link FieldValidation#STRICT}, as kubectl: the write is refused naming each such field).
         * {@link FieldValidation#WARN} writes without them and reports each as a warning; {@link FieldValidation#IGNORE}
         * drops them silently. Reading never drops a member, so a document read with a misspelt field keeps it,
         * and writing it back is refused under {@code STRICT}.
         *
         * <pre>{@code
         * KgatewayClient kgw = KgatewayClient.builder().fieldValidation(FieldValidation.WARN).build();
         * }</pre>
         *
         * @return this builder
         */
        public Builder fieldValidation(FieldValidation validation) {
            this.fieldValidation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** @return this builder, with the field manager and force setting {@code apply(backend)} uses (default: the client's field manager, no force) */
        public Builder applyOptions(ApplyOptions options) {
            this.applyOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Adds a listener that hears every request attempt, retry, conflict retry, watch reconnect and
         * re-list of the client (for metrics or tracing); call it again to add more. What a listener
         * throws is logged and ignored.
         *
         * @return this builder
         */
        public Builder listener(KgatewayClientListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Records the client's metrics in {@code registry} (Micrometer, an optional dependency: add
         * {@code io.micrometer:micrometer-core} to use this): {@code kgateway.client.requests} (timer;
         * tags {@code verb}, {@code outcome}), {@code kgateway.client.retries} ({@code verb},
         * {@code reason}), {@code kgateway.client.conflicts.retried} ({@code verb}),
         * {@code kgateway.client.watch.reconnects} and {@code kgateway.client.watch.relists}
         * ({@code reason}). No tag holds a namespace or a name.
         *
         * <pre>{@code
         * KgatewayClient kgw = KgatewayClient.builder().meterRegistry(meterRegistry).build();
         * }</pre>
         *
         * @return this builder
         * @see dev.kgateway.sdk.client.metrics.MicrometerClientListener
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            return listener(new dev.kgateway.sdk.client.metrics.MicrometerClientListener(registry));
        }

        /** @return the client */
        public KgatewayClient build() {
            if (client != null && config != null) {
                throw new IllegalStateException("set either kubernetesClient(..) or config(..), not both");
            }
            return new KgatewayClient(this);
        }
    }
}

package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the auto-configured {@code KgatewayClient}, under {@code kgateway.*}.
 *
 * <pre>
 * kgateway.namespace=shop
 * kgateway.field-manager=orders-service
 * kgateway.retry.max-attempts=6
 * kgateway.informers.routes.namespace=shop
 * kgateway.informers.routes.label-selector=team=web
 * kgateway.informers.routes.strip-managed-fields=true
 * </pre>
 */
@ConfigurationProperties("kgateway")
public class KgatewayProperties {

    /**
     * Namespace of backends().inDefaultNamespace(). Default: the kubeconfig context's
     * namespace, the in-cluster service account's, or "default".
     */
    private String namespace;

    /**
     * API server URL. When set, the client connects to it without credentials from the kubeconfig
     * (for tests, "kubectl proxy" and local API servers); when unset, fabric8 finds the cluster
     * (kubeconfig or in-cluster). Must not be set when the application has a KubernetesClient bean.
     */
    private String masterUrl;

    /**
     * Field manager of every write (create, update, patch, apply): the owner kube-apiserver records for the
     * fields written. Default: spring.application.name, else the SDK's default (the application's main class or jar).
     */
    private String fieldManager;

    /** Whether apply(backend) takes over fields owned by other managers. */
    private boolean forceApply;

    /**
     * Install the SDK's Backend CustomResourceDefinition at startup when the cluster has none (an
     * existing one is never replaced). For development and tests; clusters get it from kgateway.
     */
    private boolean installCrd;

    private final Retry retry = new Retry();

    private final Validation validation = new Validation();

    /** Informers started and stopped with the application context, by bean name. */
    private final Map<String, Informer> informers = new LinkedHashMap<>();

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getMasterUrl() {
        return masterUrl;
    }

    public void setMasterUrl(String masterUrl) {
        this.masterUrl = masterUrl;
    }

    public String getFieldManager() {
        return fieldManager;
    }

    public void setFieldManager(String fieldManager) {
        this.fieldManager = fieldManager;
    }

    public boolean isForceApply() {
        return forceApply;
    }

    public void setForceApply(boolean forceApply) {
        this.forceApply = forceApply;
    }

    public boolean isInstallCrd() {
        return installCrd;
    }

    public void setInstallCrd(boolean installCrd) {
        this.installCrd = installCrd;
    }

    public Retry getRetry() {
        return retry;
    }

    public Validation getValidation() {
        return validation;
    }

    public Map<String, Informer> getInformers() {
        return informers;
    }

    /** Retries of requests that are safe to repeat (a create is never retried); see RetryPolicy. */
    public static class Retry {

        /** Attempts per request, the first included; 1 turns retries off. */
        private int maxAttempts = RetryPolicy.DEFAULT.maxAttempts();

        /** Attempts of edit(..) when the Backend changed meanwhile (HTTP 409). */
        private int maxConflictAttempts = RetryPolicy.DEFAULT.maxConflictAttempts();

        /** Wait before the first retry; doubled (with jitter) for each further one. */
        private Duration initialBackoff = RetryPolicy.DEFAULT.initialBackoff();

        /** Longest wait between two attempts. */
        private Duration maxBackoff = RetryPolicy.DEFAULT.maxBackoff();

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public int getMaxConflictAttempts() {
            return maxConflictAttempts;
        }

        public void setMaxConflictAttempts(int maxConflictAttempts) {
            this.maxConflictAttempts = maxConflictAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /** @return the policy these settings describe; invalid values fail as RetryPolicy does */
        public RetryPolicy toPolicy() {
            return new RetryPolicy(maxAttempts, maxConflictAttempts, initialBackoff, maxBackoff);
        }
    }

    /** What writes are checked against before they are sent. */
    public static class Validation {

        /** Schema that create, update, edit and apply check a Backend against before sending it. */
        private ValidationMode mode = ValidationMode.SDK_SCHEMA;

        /** Release line (such as "v2.1") for mode KGATEWAY_RELEASE. */
        private String release;

        public ValidationMode getMode() {
            return mode;
        }

        public void setMode(ValidationMode mode) {
            this.mode = mode;
        }

        public String getRelease() {
            return release;
        }

        public void setRelease(String release) {
            this.release = release;
        }
    }

    /** One informer: a local cache of the Backends it selects, started and stopped with the context. */
    public static class Informer {

        /** Namespace to cache; unset caches every namespace. */
        private String namespace;

        /** Label selector, as kubectl takes it ("team=web,tier!=gold"); unset selects every Backend. */
        private String labelSelector;

        /** How often handlers see every cached Backend again; 0 for never. */
        private Duration resync = Duration.ZERO;

        /**
         * Whether the cache drops metadata.managedFields while decoding (most of a served Backend's
         * size); cached Backends can still be written back with update.
         */
        private boolean stripManagedFields;

        /**
         * Whether the cache also drops kubectl's last-applied-configuration annotation; the client then
         * refuses to update a Backend that lacks it while the stored one has it (use edit, apply or patch).
         */
        private boolean stripLastAppliedAnnotation;

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public String getLabelSelector() {
            return labelSelector;
        }

        public void setLabelSelector(String labelSelector) {
            this.labelSelector = labelSelector;
        }

        public Duration getResync() {
            return resync;
        }

        public void setResync(Duration resync) {
            this.resync = resync;
        }

        public boolean isStripManagedFields() {
            return stripManagedFields;
        }

        public void setStripManagedFields(boolean stripManagedFields) {
            this.stripManagedFields = stripManagedFields;
        }

        public boolean isStripLastAppliedAnnotation() {
            return stripLastAppliedAnnotation;
        }

        public void setStripLastAppliedAnnotation(boolean stripLastAppliedAnnotation) {
            this.stripLastAppliedAnnotation = stripLastAppliedAnnotation;
        }
    }
}

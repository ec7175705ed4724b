package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.CrdValidator;
import dev.kgateway.sdk.validation.KgatewayRelease;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks writes against the Backend CRD installed in the cluster. On the first write it starts an
 * informer on {@code customresourcedefinitions/backends.gateway.kgateway.dev} (one list, then a
 * watch), and compiles a validator from every version of the CRD it sees, so a CRD replaced in the
 * cluster is used by the next write. While there is no CRD to check against (the informer cannot
 * start, for example 403 without RBAC for CRDs, or the CRD is not installed, or its schema does not
 * compile) writes are checked against the SDK's schema, and that is logged once as a WARN. A start
 * that failed is tried again by a later write, a second after a transient failure, a minute after a refusal.
 */
public final class ClusterCrdRules implements WriteRules {

    static final String CRD_NAME = "backends.gateway.kgateway.dev";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCrdRules.class);

    private final ClientContext context;
    /** The validator of the CRD version seen last, compiled once per resourceVersion. */
    private final AtomicReference<Compiled> current = new AtomicReference<>();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final Object startLock = new Object();
    private volatile boolean started;
    private volatile SharedIndexInformer<CustomResourceDefinition> informer;
    private volatile String failure;
    /** When a failed start may be tried again ({@link System#nanoTime()}). */
    private long nextAttempt = System.nanoTime();
    static final java.time.Duration RETRY_TRANSIENT = java.time.Duration.ofSeconds(1);
    static final java.time.Duration RETRY_REFUSED = java.time.Duration.ofMinutes(1);

    public ClusterCrdRules(ClientContext context) {
        this.context = context;
    }

    @Override
    public List<Violation> validate(Backend backend) {
        return rules().validate(backend);
    }

    @Override
    public List<Violation> validateUpdate(Backend updated, Backend old) {
        return rules().validateUpdate(updated, old);
    }

    private WriteRules rules() {
        SharedIndexInformer<CustomResourceDefinition> crds = informer();
        CustomResourceDefinition crd = crds == null ? null : crds.getStore().list().stream().findFirst().orElse(null);
        if (crd == null) {
            warnOnce("the CustomResourceDefinition " + CRD_NAME + (crds == null ? " cannot be read (" + failure + ")" : " is not installed"));
            return SDK_SCHEMA;
        }
        Compiled compiled = current.get();
        String resourceVersion = crd.getMetadata().getResourceVersion();
        if (compiled == null || !compiled.resourceVersion().equals(resourceVersion)) {
            compiled = compile(crd, resourceVersion);
            current.set(compiled);
        }
        if (compiled.rules() == null) {
            warnOnce("the cluster's CustomResourceDefinition " + CRD_NAME + " cannot be compiled into a validator (" + compiled.error() + ")");
            return SDK_SCHEMA;
        }
        return compiled.rules();
    }

    /**
     * @return the informer on the CRD, started on the first call; {@code null} while it cannot start. A failed
     *         start is tried again by a later write: after {@link #RETRY_TRANSIENT} when the failure may pass by itself
     *         (5xx, 429, no answer), after {@link #RETRY_REFUSED} when it needs someone to act (401, 403, 404)
     */
    private SharedIndexInformer<CustomResourceDefinition> informer() {
        if (started) {
            return informer;
        }
        synchronized (startLock) {
            if (!started && System.nanoTime() - nextAttempt >= 0) {
                try {
                    var crd = context.fabric8WithoutRetries().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME);
                    // a plain read first: without RBAC for CRDs it fails here, quietly, instead of in the informer's
                    // first list (which fabric8 logs as an ERROR with a stack trace)
                    crd.get();
                    SharedIndexInformer<CustomResourceDefinition> running = crd.inform();
                    try {
                        context.track(running::close);
                    } catch (IllegalStateException closed) {
                        running.close();
                        throw closed;
                    }
                    informer = running;
                    started = true;
                } catch (RuntimeException e) {
                    failure = reason(e);
                    nextAttempt = System.nanoTime() + (transient_(e) ? RETRY_TRANSIENT : RETRY_REFUSED).toNanos();
                }
            }
            return informer;
        }
    }

    private static boolean transient_(RuntimeException e) {
        io.fabric8.kubernetes.client.KubernetesClientException k = ErrorMapper.cause(e, io.fabric8.kubernetes.client.KubernetesClientException.class);
        int code = k == null ? 0 : ErrorMapper.responseCode(k);
        return code == 0 || code == 429 || code >= 500;
    }

    private Compiled compile(CustomResourceDefinition crd, String resourceVersion) {
        try {
            CrdValidator validator = CrdValidator.fromJson(context.serialization().asJson(crd), KgatewayRelease.VERSION);
            return new Compiled(resourceVersion, new CrdWriteRules(validator,
                    "the cluster's Backend CRD (resourceVersion " + resourceVersion + ")"), null);
        } catch (RuntimeException e) {
            return new Compiled(resourceVersion, null, String.valueOf(e.getMessage()));
        }
    }

    private void warnOnce(String why) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("{}; writes are checked against the SDK's schema (Backend.validate()) instead, and the server may prune"
                    + " members its CRD does not declare. Grant get, list and watch on customresourcedefinitions, or choose"
                    + " CrdValidation.release(..)", why);
        }
    }

    private static String reason(RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() > 0)) {
            t = t.getCause();
        }
        if (t instanceof io.fabric8.kubernetes.client.KubernetesClientException k && k.getCode() > 0) {
            return "HTTP " + k.getCode() + (k.getStatus() != null && k.getStatus().getReason() != null ? " " + k.getStatus().getReason() : "");
        }
        return String.valueOf(e.getMessage());
    }

    @Override
    public String toString() {
        Compiled compiled = current.get();
        return compiled == null || compiled.rules() == null ? "the cluster's Backend CRD (not read)" : compiled.rules().toString();
    }

    private record Compiled(String resourceVersion, CrdWriteRules rules, String error) {
    }
}

package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.spring.boot.internal.CrdRelease;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Actuator health of the kgateway SDK, reported as {@code kgateway}: UP when the cluster answers,
 * the Backend CRD ({@code backends.gateway.kgateway.dev}) is installed and serves
 * {@code v1alpha1}, and every running {@link ManagedBackendInformer} has synced.
 *
 * <p>Details: {@code crd} (installed or missing), {@code kgatewayRelease} (the release line the
 * CRD comes from, see below), {@code informers} (per informer: {@code synced}, {@code size},
 * {@code running}). One request per check: a GET of the CRD. The release line is the CRD's
 * {@code app.kubernetes.io/version} label when present, else told from the schema's shape
 * ({@code v2.0} ... {@code v2.3}, {@code v2.4 or later}).
 *
 * <pre>
 * GET /actuator/health/kgateway
 * {"status":"UP","details":{"crd":"installed","kgatewayRelease":"v2.4 or later","informers":{"routes":{"synced":true,"size":3,"running":true}}}}
 * </pre>
 */
public class KgatewayHealthIndicator extends AbstractHealthIndicator {

    static final String CRD_NAME = "backends.gateway.kgateway.dev";

    private final KgatewayClient client;
    private final List<ManagedBackendInformer> informers;

    /**
     * @param client    the client whose cluster is checked
     * @param informers the informers whose sync is reported
     */
    public KgatewayHealthIndicator(KgatewayClient client, List<ManagedBackendInformer> informers) {
        super("kgateway health check failed");
        this.client = client;
        this.informers = List.copyOf(informers);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        // throws when the cluster cannot be reached or refuses the request: DOWN with the error
        CustomResourceDefinition crd = client.kubernetesClient().apiextensions().v1().customResourceDefinitions()
                .withName(CRD_NAME).get();
        boolean healthy = true;
        if (crd == null) {
            builder.withDetail("crd", "missing");
            healthy = false;
        } else if (!CrdRelease.servesSdkVersion(crd)) {
            builder.withDetail("crd", "installed, but does not serve " + CrdRelease.VERSION);
            healthy = false;
        } else {
            builder.withDetail("crd", "installed");
        }
        if (crd != null) {
            builder.withDetail("kgatewayRelease", CrdRelease.of(crd));
        }
        Map<String, Map<String, Object>> states = new LinkedHashMap<>();
        List<String> notSynced = new ArrayList<>();
        for (ManagedBackendInformer informer : informers) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("running", informer.isRunning());
            state.put("synced", informer.hasSynced());
            state.put("size", informer.list().size());
            states.put(informer.name(), state);
            if (informer.isRunning() && !informer.hasSynced()) {
                notSynced.add(informer.name());
            }
        }
        if (!states.isEmpty()) {
            builder.withDetail("informers", states);
        }
        if (!notSynced.isEmpty()) {
            builder.withDetail("notSynced", notSynced);
            healthy = false;
        }
        if (healthy) {
            builder.up();
        } else {
            builder.down();
        }
    }
}

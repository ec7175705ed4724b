package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.CrdInstallOptions;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Installs the CRD the model jar carries (exactly the schema the SDK was generated from), marked
 * as the SDK's with {@link CrdInstallOptions#MANAGED_BY_LABEL}, and waits until the API server
 * serves it ({@code Established}). A CRD the SDK did not install is never replaced unless the
 * caller forces it. Two installers racing: the one whose create loses gets {@code false}.
 */
public final class CrdInstaller {

    /** Classpath location of the CRD in the model jar. */
    public static final String CRD_RESOURCE = "META-INF/kgateway-sdk/crds/" + Backend.CRD_NAME + ".yaml";

    /** How often the CRD is read while waiting for {@code Established}. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final int UPDATE_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final RequestExecutor executor;

    public CrdInstaller(KubernetesClient client, RetryPolicy policy) {
        this.client = client;
        this.executor = new RequestExecutor(policy);
    }

    /** @return the CRD as the model jar carries it, marked as installed by the SDK */
    public static CustomResourceDefinition load(KubernetesClient client) {
        try (InputStream in = CrdInstaller.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new KgatewayException("the model jar has no CRD at " + CRD_RESOURCE);
            }
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            crd.getMetadata().getLabels().put(CrdInstallOptions.MANAGED_BY_LABEL, CrdInstallOptions.MANAGED_BY);
            return crd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether {@code crd} carries the SDK's mark */
    static boolean installedBySdk(CustomResourceDefinition crd) {
        Map<String, String> labels = crd.getMetadata() == null ? null : crd.getMetadata().getLabels();
        return labels != null && CrdInstallOptions.MANAGED_BY.equals(labels.get(CrdInstallOptions.MANAGED_BY_LABEL));
    }

    /**
     * @return {@code true} when the CRD was created or replaced; {@code false} when one existed and
     *         was left untouched (also when another installer created it first)
     * @throws KgatewayException when an existing CRD was not installed by the SDK and the options do
     *                           not force its replacement, or it is not Established in time
     */
    public boolean install(CrdInstallOptions options) {
        boolean changed = createOrReplace(options);
        awaitEstablished(options.establishedTimeout());
        return changed;
    }

    private boolean createOrReplace(CrdInstallOptions options) {
        for (int attempt = 1; ; attempt++) {
            CustomResourceDefinition crd = load(client);
            CustomResourceDefinition existing = read();
            if (existing == null) {
                try {
                    executor.execute(Call.crd("create", Backend.CRD_NAME, false), () -> crds().resource(crd).create());
                    return true;
                } catch (KgatewayApiException e) {
                    if (e.details().code() != 409 || attempt >= UPDATE_ATTEMPTS) {
                        throw e;
                    }
                    // another installer created it between our read and our create: it exists now
                    if (!options.overwriteExisting()) {
                        return false;
                    }
                    continue;
                }
            }
            if (!options.overwriteExisting()) {
                return false;
            }
            if (!installedBySdk(existing) && !options.replaceForeign()) {
                throw new KgatewayException("refusing to replace the CustomResourceDefinition " + Backend.CRD_NAME
                        + ": it was not installed by the kgateway Java SDK (it has no label " + CrdInstallOptions.MANAGED_BY_LABEL + "="
                        + CrdInstallOptions.MANAGED_BY + "; labels: " + existing.getMetadata().getLabels() + "). It is most likely"
                        + " kgateway's own, and replacing it would change the schema kgateway serves. Leave it (installCrd(false)),"
                        + " or replace it anyway with installCrd(CrdInstallOptions.forceReplaceForeign())");
            }
            crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            try {
                executor.execute(Call.crd("update", Backend.CRD_NAME, true), () -> crds().resource(crd).update());
                return true;
            } catch (KgatewayApiException e) {
                if (e.details().code() != 409 || attempt >= UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private CustomResourceDefinition read() {
        return executor.execute(Call.crd("get", Backend.CRD_NAME, true), () -> crds().withName(Backend.CRD_NAME).get());
    }

    private NonNamespaceOperation<CustomResourceDefinition, CustomResourceDefinitionList, Resource<CustomResourceDefinition>> crds() {
        return client.apiextensions().v1().customResourceDefinitions();
    }

    /** Reads the CRD until its {@code Established} condition is {@code True}, at most {@code timeout}. */
    private void awaitEstablished(Duration timeout) {
        if (timeout.isZero()) {
            return;
        }
        long polls = Math.max(1, timeout.toMillis() / POLL.toMillis());
        List<CustomResourceDefinitionCondition> conditions = List.of();
        for (long poll = 0; ; poll++) {
            CustomResourceDefinition current = read();
            conditions = current == null || current.getStatus() == null || current.getStatus().getConditions() == null
                    ? List.of() : current.getStatus().getConditions();
            if (current == null) {
                throw new KgatewayException("the CustomResourceDefinition " + Backend.CRD_NAME + " was deleted while waiting for it"
                        + " to be Established");
            }
            if (isTrue(conditions, "Established")) {
                return;
            }
            for (CustomResourceDefinitionCondition c : conditions) {
                if ("NamesAccepted".equals(c.getType()) && "False".equals(c.getStatus())) {
                    throw new KgatewayException("the API server refused the names of the CustomResourceDefinition " + Backend.CRD_NAME
                            + ": " + c.getReason() + ": " + c.getMessage());
                }
            }
            if (poll >= polls) {
                break;
            }
            RequestExecutor.sleep(POLL);
        }
        throw new KgatewayException("the CustomResourceDefinition " + Backend.CRD_NAME + " is not Established after " + timeout
                + " (conditions: " + describe(conditions) + "); the API server does not serve Backends yet. Wait longer"
                + " (CrdInstallOptions.withEstablishedTimeout) or check the API server's apiextensions controller");
    }

    private static boolean isTrue(List<CustomResourceDefinitionCondition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String describe(List<CustomResourceDefinitionCondition> conditions) {
        if (conditions.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (CustomResourceDefinitionCondition c : conditions) {
            out.append(out.length() == 0 ? "" : ", ").append(c.getType()).append('=').append(c.getStatus())
                    .append(c.getReason() == null ? "" : " (" + c.getReason() + ")");
        }
        return out.toString();
    }
}

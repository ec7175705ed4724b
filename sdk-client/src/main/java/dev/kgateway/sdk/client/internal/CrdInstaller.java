package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Installs the CRD the model jar carries: exactly the schema the SDK was generated from. */
public final class CrdInstaller {

    /** Classpath location of the CRD in the model jar. */
    public static final String CRD_RESOURCE = "META-INF/kgateway-sdk/crds/" + Backend.CRD_NAME + ".yaml";

    private static final String CRD_RESOURCE_NAME = "customresourcedefinitions.apiextensions.k8s.io";

    private final KubernetesClient client;
    private final RequestExecutor executor;

    public CrdInstaller(KubernetesClient client, dev.kgateway.sdk.client.RetryPolicy policy) {
        this.client = client;
        this.executor = new RequestExecutor(policy);
    }

    /** @return the CRD as the model jar carries it */
    public static CustomResourceDefinition load(KubernetesClient client) {
        try (InputStream in = CrdInstaller.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new KgatewayException("the model jar has no CRD at " + CRD_RESOURCE);
            }
            return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return {@code true} when the CRD was created or replaced; {@code false} when one existed and
     *         {@code overwrite} was not set, in which case it was left untouched
     */
    public boolean install(boolean overwrite) {
        CustomResourceDefinition crd = load(client);
        Resource<CustomResourceDefinition> resource = client.apiextensions().v1().customResourceDefinitions().resource(crd);
        Call read = new Call("get", CRD_RESOURCE_NAME, "", Backend.CRD_NAME, true);
        CustomResourceDefinition existing = executor.execute(read, () -> client.apiextensions().v1().customResourceDefinitions()
                .withName(Backend.CRD_NAME).get());
        if (existing == null) {
            executor.execute(new Call("create", CRD_RESOURCE_NAME, "", Backend.CRD_NAME, false), resource::create);
            return true;
        }
        if (!overwrite) {
            return false;
        }
        crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        executor.execute(new Call("update", CRD_RESOURCE_NAME, "", Backend.CRD_NAME, true), resource::update);
        return true;
    }
}

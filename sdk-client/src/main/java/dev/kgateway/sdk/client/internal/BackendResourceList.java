package dev.kgateway.sdk.client.internal;

import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;

/** A page of Backends as fabric8 decodes it. */
public final class BackendResourceList extends DefaultKubernetesResourceList<BackendResource> {
    private static final long serialVersionUID = 1L;
}

package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.AnyNamespaceBackendClient;

/** The Backends of every namespace. */
public final class AllNamespacesBackends extends BackendCollection implements AnyNamespaceBackendClient {

    public AllNamespacesBackends(ClientContext context) {
        super(context, null);
    }
}

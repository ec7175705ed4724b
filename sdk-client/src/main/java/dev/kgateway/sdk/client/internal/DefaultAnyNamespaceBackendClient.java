package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.AnyNamespaceBackendClient;

/** The Backends of every namespace. */
public final class DefaultAnyNamespaceBackendClient extends AbstractBackendCollectionClient implements AnyNamespaceBackendClient {

    public DefaultAnyNamespaceBackendClient(ClientContext context) {
        super(context, null);
    }
}

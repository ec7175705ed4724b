package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.AnyNamespaceBackendClient;
import dev.kgateway.sdk.client.BackendClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;

/** Entry point behind {@code KgatewayClient.backends()}. */
public final class DefaultBackendClient implements BackendClient {

    private static final String FALLBACK_NAMESPACE = "default";

    private final ClientContext context;

    public DefaultBackendClient(ClientContext context) {
        this.context = context;
    }

    @Override
    public NamespacedBackendClient inNamespace(String namespace) {
        return new DefaultNamespacedBackendClient(context, namespace);
    }

    @Override
    public NamespacedBackendClient inDefaultNamespace() {
        String namespace = context.client().getNamespace();
        return inNamespace(namespace == null || namespace.isBlank() ? FALLBACK_NAMESPACE : namespace);
    }

    @Override
    public AnyNamespaceBackendClient inAnyNamespace() {
        return new DefaultAnyNamespaceBackendClient(context);
    }
}

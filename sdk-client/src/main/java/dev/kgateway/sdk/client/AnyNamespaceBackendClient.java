package dev.kgateway.sdk.client;

/**
 * Backends of every namespace: list, watch and inform across the cluster.
 *
 * <pre>{@code
 * BackendInformer cache = kgw.backends().inAnyNamespace().inform(handler);
 * }</pre>
 */
public interface AnyNamespaceBackendClient extends BackendCollectionClient {
}

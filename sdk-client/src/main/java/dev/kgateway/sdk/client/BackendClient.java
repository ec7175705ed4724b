package dev.kgateway.sdk.client;

/**
 * Entry point to Backend operations: choose a namespace, or all of them.
 *
 * <pre>{@code
 * NamespacedBackendClient ai = kgw.backends().inNamespace("ai");
 * AnyNamespaceBackendClient all = kgw.backends().inAnyNamespace();
 * }</pre>
 */
public interface BackendClient {

    /** @return operations on the Backends of {@code namespace} */
    NamespacedBackendClient inNamespace(String namespace);

    /** @return operations on the Backends of the namespace of the kubeconfig context (or {@code default}) */
    NamespacedBackendClient inDefaultNamespace();

    /** @return list, watch and inform across every namespace */
    AnyNamespaceBackendClient inAnyNamespace();
}

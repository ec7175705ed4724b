package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;

/**
 * What a request is about, for retries and error messages.
 *
 * @param verb       the Kubernetes verb ({@code get}, {@code list}, {@code create}, {@code update}, {@code patch}, {@code delete}, {@code watch})
 * @param resource   the resource in RBAC terms ({@code backends.gateway.kgateway.dev})
 * @param namespace  the namespace, or empty for all namespaces
 * @param name       the Backend's name, or empty
 * @param idempotent whether sending it twice is harmless, so it may be retried
 * @param apply      whether it is a server-side apply (a 409 then means a field-ownership conflict)
 */
record Call(String verb, String resource, String namespace, String name, boolean idempotent, boolean apply) {

    Call(String verb, String resource, String namespace, String name, boolean idempotent) {
        this(verb, resource, namespace, name, idempotent, false);
    }

    static Call read(String verb, String namespace, String name) {
        return new Call(verb, Backend.CRD_NAME, nullToEmpty(namespace), nullToEmpty(name), true);
    }

    static Call create(String namespace, String name) {
        return new Call("create", Backend.CRD_NAME, nullToEmpty(namespace), nullToEmpty(name), false);
    }

    static Call write(String verb, String namespace, String name) {
        return new Call(verb, Backend.CRD_NAME, nullToEmpty(namespace), nullToEmpty(name), true);
    }

    /** A server-side apply: RBAC knows it as {@code patch}. */
    static Call apply(String namespace, String name) {
        return new Call("patch", Backend.CRD_NAME, nullToEmpty(namespace), nullToEmpty(name), true, true);
    }

    /** A replace of the status subresource: RBAC knows it as {@code backends.gateway.kgateway.dev/status}. */
    static Call writeStatus(String namespace, String name) {
        return new Call("update", Backend.CRD_NAME + "/status", nullToEmpty(namespace), nullToEmpty(name), true);
    }

    /** A request about the CustomResourceDefinition {@code name} (cluster-scoped). */
    static Call crd(String verb, String name, boolean idempotent) {
        return new Call(verb, "customresourcedefinitions.apiextensions.k8s.io", "", name, idempotent);
    }

    /** @return whether the request is about Backends (or their status), as opposed to their CRD */
    boolean aboutBackends() {
        return resource.startsWith(Backend.CRD_NAME);
    }

    String where() {
        if (!aboutBackends() && namespace.isEmpty()) {
            return "(cluster-scoped)";
        }
        return namespace.isEmpty() ? "in all namespaces" : "in namespace '" + namespace + "'";
    }

    String describe() {
        return verb + " " + resource + (name.isEmpty() ? "" : " '" + name + "'") + " " + where();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

package dev.kgateway.sdk.embeddedapiserver.internal;

/**
 * A parsed request path: the resource type and the version it was addressed at, the namespace (for
 * a namespaced request), the name (for a request on one object) and the subresource ({@code status})
 * when there is one.
 */
record Target(ResourceType type, String version, String namespace, String name, String subresource) {

    /** @return the {@code apiVersion} of the addressed version, as objects and lists are answered in */
    String apiVersion() {
        return type.apiVersion(version);
    }
}

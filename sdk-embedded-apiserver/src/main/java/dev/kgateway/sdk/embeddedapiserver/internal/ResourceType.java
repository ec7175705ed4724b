package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A kind of object the server stores: the built-in namespaces and CustomResourceDefinitions, and
 * every custom resource whose CRD was created.
 *
 * @param group            API group, empty for the core group
 * @param versions         served versions
 * @param plural           resource name in paths
 * @param kind             the {@code kind}
 * @param namespaced       whether objects live in namespaces
 * @param statusSubresource whether {@code /status} is a subresource (then the main resource ignores status)
 * @param listMapKeys      paths such as {@code spec.static.hosts} of lists with {@code x-kubernetes-list-type: map}, to their keys
 * @param crd              the CRD the type comes from, {@code null} for built-in types
 */
public record ResourceType(String group, Set<String> versions, String plural, String kind, boolean namespaced,
                           boolean statusSubresource, Map<String, List<String>> listMapKeys, JsonNode crd) {

    public static final ResourceType NAMESPACES = new ResourceType("", Set.of("v1"), "namespaces", "Namespace", false, false, Map.of(), null);
    public static final ResourceType CRDS = new ResourceType("apiextensions.k8s.io", Set.of("v1"), "customresourcedefinitions",
            "CustomResourceDefinition", false, false, Map.of(), null);

    /** @return the type a CustomResourceDefinition declares */
    public static ResourceType fromCrd(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        Set<String> versions = new LinkedHashSet<>();
        boolean status = false;
        Map<String, List<String>> listMaps = new LinkedHashMap<>();
        for (JsonNode version : spec.path("versions")) {
            if (version.path("served").asBoolean(true)) {
                versions.add(version.path("name").asString());
            }
            status |= version.path("subresources").has("status");
            collectListMaps(version.path("schema").path("openAPIV3Schema"), "", listMaps);
        }
        return new ResourceType(spec.path("group").asString(), Set.copyOf(versions), spec.path("names").path("plural").asString(),
                spec.path("names").path("kind").asString(), !"Cluster".equals(spec.path("scope").asString("Namespaced")), status,
                Map.copyOf(listMaps), crd);
    }

    private static void collectListMaps(JsonNode schema, String path, Map<String, List<String>> out) {
        if (schema.isMissingNode()) {
            return;
        }
        if ("map".equals(schema.path("x-kubernetes-list-type").asString(""))) {
            List<String> keys = schema.path("x-kubernetes-list-map-keys").valueStream().map(JsonNode::asString).toList();
            if (!keys.isEmpty()) {
                out.put(path, keys);
            }
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            collectListMaps(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), out);
        }
        collectListMaps(schema.path("items"), path, out);
    }

    /** @return the keys of the list at {@code path} (field names joined by dots), or {@code null} for an atomic list */
    public List<String> listMapKeys(String path) {
        return listMapKeys.get(path);
    }

    /** @return {@code apiVersion} for {@code version} */
    public String apiVersion(String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** @return the kind qualified by group as kube-apiserver names it in messages: {@code Backend.gateway.kgateway.dev} */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}

package dev.kgateway.sdk.validation.internal;

import dev.kgateway.sdk.model.Violation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What kube-apiserver does to a custom resource before validating and storing it: prunes members the
 * schema does not declare (outside {@code x-kubernetes-preserve-unknown-fields}; {@code metadata}
 * down to ObjectMeta's fields), drops {@code null}s of non-nullable members, then applies
 * {@code default}s to missing members, recursively (defaults inside defaults too). Builds a new tree;
 * the input is never changed.
 */
public final class Normalizer {

    /** The members of ObjectMeta: any other member of {@code metadata} is dropped by the server. */
    static final Set<String> OBJECT_META = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

    private static final Set<String> EMBEDDED = Set.of("apiVersion", "kind", "metadata");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Normalizer() {
    }

    /**
     * @param doc    a whole custom resource
     * @param root   the compiled {@code openAPIV3Schema}
     * @param pruned where to report what pruning dropped, or {@code null}
     * @return the resource as the server would store it
     */
    public static JsonNode normalize(JsonNode doc, SchemaNode root, @Nullable List<Violation> pruned) {
        if (!doc.isObject()) {
            return doc.deepCopy();
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (k.equals("apiVersion") || k.equals("kind")) {
                out.set(k, v.deepCopy());
            } else if (k.equals("metadata")) {
                out.set(k, metadata(v, FieldPath.ROOT.child(k), pruned));
            } else {
                member(out, k, v, root, FieldPath.ROOT, pruned);
            }
        }
        defaults(out, root, FieldPath.ROOT);
        return out;
    }

    private static JsonNode metadata(JsonNode v, FieldPath path, @Nullable List<Violation> pruned) {
        if (!v.isObject()) {
            return v.deepCopy();
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (OBJECT_META.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            } else if (pruned != null) {
                pruned.add(KubeErrors.pruned(path.child(e.getKey())));
            }
        }
        return out;
    }

    private static void member(ObjectNode out, String k, JsonNode v, SchemaNode s, FieldPath path, @Nullable List<Violation> pruned) {
        SchemaNode declared = s.properties.get(k);
        SchemaNode cs = declared != null ? declared : s.additionalProperties;
        if (cs != null) {
            if (v.isNull() && !cs.nullable) {
                return; // PruneNonNullableNullsWithoutDefaults; a default takes its place below
            }
            out.set(k, node(v, cs, declared != null ? path.child(k) : path.key(k), pruned));
        } else if (s.preserveUnknownFields || (s.embeddedResource && EMBEDDED.contains(k))) {
            out.set(k, v.deepCopy());
        } else if (pruned != null) {
            pruned.add(KubeErrors.pruned(path.child(k)));
        }
    }

    static JsonNode node(JsonNode v, SchemaNode s, FieldPath path, @Nullable List<Violation> pruned) {
        if (v.isObject() && (s.type == null || s.type.equals("object"))) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                member(out, e.getKey(), e.getValue(), s, path, pruned);
            }
            defaults(out, s, path);
            return out;
        }
        if (v.isArray() && (s.type == null || s.type.equals("array"))) {
            ArrayNode out = NODES.arrayNode(v.size());
            int i = 0;
            for (JsonNode item : v) {
                out.add(s.items == null ? item.deepCopy() : node(item, s.items, path.index(i), pruned));
                i++;
            }
            return out;
        }
        return v.isContainer() ? v.deepCopy() : v;
    }

    private static void defaults(ObjectNode out, SchemaNode s, FieldPath path) {
        for (Map.Entry<String, SchemaNode> p : s.properties.entrySet()) {
            SchemaNode cs = p.getValue();
            if (cs.defaultValue != null && !out.has(p.getKey())) {
                out.set(p.getKey(), node(cs.defaultValue, cs, path.child(p.getKey()), null));
            }
        }
    }
}

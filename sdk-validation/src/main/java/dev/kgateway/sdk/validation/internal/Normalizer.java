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
 * {@code default}s to missing members, recursively (defaults inside defaults too).
 *
 * <p>Copy on write: the input is never changed, and a subtree nothing changes in is returned as is,
 * so the result may share nodes with the input (a Backend that needs no pruning or defaults costs a
 * walk, not a copy).
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
     * @param doc        a whole custom resource
     * @param root       the compiled {@code openAPIV3Schema}
     * @param skipStatus unused: {@code status} is pruned (and its unknown members reported) as the server decodes it, before
     *                   a write of the resource drops it
     * @param pruned     where to report what pruning dropped, or {@code null}
     * @return the resource as the server would store it (sharing unchanged subtrees with {@code doc})
     */
    public static JsonNode normalize(JsonNode doc, SchemaNode root, boolean skipStatus, @Nullable List<Violation> pruned) {
        if (!doc.isObject()) {
            return doc;
        }
        ObjectNode out = null;
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            JsonNode n;
            if (k.equals("apiVersion") || k.equals("kind")) {
                n = v;
            } else if (k.equals("metadata")) {
                n = metadata(v, FieldPath.ROOT.child(k), pruned);
            } else {
                n = member(k, v, root, FieldPath.ROOT, pruned);
            }
            out = put(out, doc, k, v, n);
        }
        out = defaults(out, doc, root, FieldPath.ROOT);
        return out == null ? doc : out;
    }

    /** Records {@code k -> n} in the copy, creating the copy (with the members before {@code k}) on the first change. */
    @Nullable
    private static ObjectNode put(@Nullable ObjectNode out, JsonNode original, String k, JsonNode v, @Nullable JsonNode n) {
        if (out == null) {
            if (n == v) {
                return null;
            }
            out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : original.properties()) {
                if (e.getKey().equals(k)) {
                    break;
                }
                out.set(e.getKey(), e.getValue());
            }
        }
        if (n != null) {
            out.set(k, n);
        }
        return out;
    }

    private static JsonNode metadata(JsonNode v, FieldPath path, @Nullable List<Violation> pruned) {
        if (!v.isObject()) {
            return v;
        }
        ObjectNode out = null;
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            boolean keep = OBJECT_META.contains(e.getKey());
            if (!keep && pruned != null) {
                pruned.add(KubeErrors.pruned(path.child(e.getKey())));
            }
            out = put(out, v, e.getKey(), e.getValue(), keep ? e.getValue() : null);
        }
        return out == null ? v : out;
    }

    /** @return the member's normalized value, or {@code null} when it is dropped */
    @Nullable
    private static JsonNode member(String k, JsonNode v, SchemaNode s, FieldPath path, @Nullable List<Violation> pruned) {
        SchemaNode declared = s.properties.get(k);
        SchemaNode cs = declared != null ? declared : s.additionalProperties;
        if (cs != null) {
            if (v.isNull() && !cs.nullable) {
                return null; // PruneNonNullableNullsWithoutDefaults; a default takes its place
            }
            return node(v, cs, path.child(k), pruned); // the server's unknown-field paths name map keys as members too
        }
        if (s.preserveUnknownFields || (s.embeddedResource && EMBEDDED.contains(k))) {
            return v;
        }
        if (pruned != null) {
            pruned.add(KubeErrors.pruned(path.child(k)));
        }
        return null;
    }

    /**
     * Prunes as apiextensions-apiserver's {@code pruning.prune}: by the value's kind, whatever the schema's type (an
     * object given to a string member loses its members too); without a schema ({@code null}: the items of a schema
     * without {@code items}) every member of an object is dropped, and lists are walked.
     */
    static JsonNode node(JsonNode v, @Nullable SchemaNode s, FieldPath path, @Nullable List<Violation> pruned) {
        if (s == null) {
            return unknown(v, path, pruned);
        }
        if (v.isObject()) {
            ObjectNode out = null;
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                out = put(out, v, e.getKey(), e.getValue(), member(e.getKey(), e.getValue(), s, path, pruned));
            }
            out = defaults(out, v, s, path);
            return out == null ? v : out;
        }
        if (v.isArray()) {
            return items(v, s.items, path, pruned);
        }
        return v;
    }

    private static JsonNode unknown(JsonNode v, FieldPath path, @Nullable List<Violation> pruned) {
        if (v.isObject()) {
            if (pruned != null) {
                v.propertyNames().forEach(k -> pruned.add(KubeErrors.pruned(path.child(k))));
            }
            return v.isEmpty() ? v : NODES.objectNode();
        }
        if (v.isArray()) {
            return items(v, null, path, pruned);
        }
        return v;
    }

    private static JsonNode items(JsonNode v, @Nullable SchemaNode items, FieldPath path, @Nullable List<Violation> pruned) {
        ArrayNode out = null;
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            JsonNode n = node(item, items, path.index(i), pruned);
            if (out == null && n != item) {
                out = NODES.arrayNode(v.size());
                for (int j = 0; j < i; j++) {
                    out.add(v.get(j));
                }
            }
            if (out != null) {
                out.add(n);
            }
        }
        return out == null ? v : out;
    }

    @Nullable
    private static ObjectNode defaults(@Nullable ObjectNode out, JsonNode original, SchemaNode s, FieldPath path) {
        for (Map.Entry<String, SchemaNode> p : s.properties.entrySet()) {
            SchemaNode cs = p.getValue();
            if (cs.defaultValue != null && !(out != null ? out : original).has(p.getKey())) {
                if (out == null) {
                    out = NODES.objectNode();
                    out.setAll((ObjectNode) original);
                }
                // a dropped non-nullable null never reaches here as a member: member() returned null for it
                out.set(p.getKey(), node(cs.defaultValue, cs, path.child(p.getKey()), null));
            }
        }
        return out;
    }
}

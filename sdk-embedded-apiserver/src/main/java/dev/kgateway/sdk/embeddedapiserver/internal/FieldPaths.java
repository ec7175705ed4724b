package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Field paths as kube-apiserver's field management writes them in {@code fieldsV1}: a path is a
 * list of elements {@code f:<field>} (a member of an object), {@code k:{"host":"a"}} (the item of a
 * {@code x-kubernetes-list-type: map} list with these keys) and {@code .} (that item itself).
 * Scalars, atomic lists and empty objects are leaves.
 */
public final class FieldPaths {

    /** The top-level members whose fields are tracked; {@code metadata} only for labels, annotations, finalizers, ownerReferences. */
    private static final Set<String> TRACKED_METADATA = Set.of("labels", "annotations", "finalizers", "ownerReferences");

    public enum Part { MAIN, STATUS }

    private FieldPaths() {
    }

    /** @return the leaf paths that {@code object} sets in {@code part} (spec and metadata, or status) */
    public static Set<List<String>> of(JsonNode object, ResourceType type, Part part) {
        Set<List<String>> out = new LinkedHashSet<>();
        if (object == null || !object.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String name = member.getKey();
            if (name.equals("apiVersion") || name.equals("kind")) {
                continue;
            }
            boolean status = name.equals("status") && type.statusSubresource();
            if ((part == Part.STATUS) != status) {
                continue;
            }
            if (name.equals("metadata")) {
                for (Map.Entry<String, JsonNode> meta : member.getValue().properties()) {
                    if (TRACKED_METADATA.contains(meta.getKey())) {
                        walk(meta.getValue(), List.of("f:metadata", "f:" + meta.getKey()), "metadata." + meta.getKey(), type, out);
                    }
                }
                continue;
            }
            walk(member.getValue(), List.of("f:" + name), name, type, out);
        }
        return out;
    }

    private static void walk(JsonNode node, List<String> path, String schemaPath, ResourceType type, Set<List<String>> out) {
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                walk(member.getValue(), append(path, "f:" + member.getKey()), schemaPath + "." + member.getKey(), type, out);
            }
            return;
        }
        List<String> keys = node.isArray() ? type.listMapKeys(schemaPath) : null;
        if (keys == null) {
            out.add(path);
            return;
        }
        if (node.isEmpty()) {
            out.add(path);
            return;
        }
        for (JsonNode item : node) {
            List<String> itemPath = append(path, key(item, keys));
            out.add(append(itemPath, "."));
            for (Map.Entry<String, JsonNode> member : item.properties()) {
                walk(member.getValue(), append(itemPath, "f:" + member.getKey()), schemaPath + "." + member.getKey(), type, out);
            }
        }
    }

    /** @return the {@code k:} element naming {@code item} by its {@code keys}, key names sorted as kube writes them */
    static String key(JsonNode item, List<String> keys) {
        ObjectNode key = Json.object();
        for (String k : new TreeMap<String, Boolean>(keysMap(keys)).keySet()) {
            JsonNode value = item.get(k);
            if (value != null) {
                key.set(k, value);
            }
        }
        return "k:" + Json.write(key);
    }

    private static Map<String, Boolean> keysMap(List<String> keys) {
        Map<String, Boolean> m = new TreeMap<>();
        keys.forEach(k -> m.put(k, Boolean.TRUE));
        return m;
    }

    static List<String> append(List<String> path, String element) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(element);
        return List.copyOf(out);
    }

    /** @return the {@code fieldsV1} tree of {@code paths} */
    public static ObjectNode toFieldsV1(Set<List<String>> paths) {
        ObjectNode root = Json.object();
        for (List<String> path : paths) {
            ObjectNode node = root;
            for (String element : path) {
                JsonNode child = node.get(element);
                if (!(child instanceof ObjectNode)) {
                    child = Json.object();
                    node.set(element, child);
                }
                node = (ObjectNode) child;
            }
        }
        return sorted(root);
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode out = Json.object();
        List<String> names = new ArrayList<>(node.propertyNames());
        names.sort((a, b) -> a.equals(".") ? -1 : b.equals(".") ? 1 : a.compareTo(b));
        for (String name : names) {
            out.set(name, sorted((ObjectNode) node.get(name)));
        }
        return out;
    }

    /** @return the leaf paths of a {@code fieldsV1} tree */
    public static Set<List<String>> fromFieldsV1(JsonNode fields) {
        Set<List<String>> out = new LinkedHashSet<>();
        collect(fields, List.of(), out);
        return out;
    }

    private static void collect(JsonNode node, List<String> path, Set<List<String>> out) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            if (!path.isEmpty()) {
                out.add(path);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            collect(member.getValue(), append(path, member.getKey()), out);
        }
    }

    /** @return the value at {@code path} in {@code object}, {@code null} when absent */
    public static JsonNode valueAt(JsonNode object, List<String> path) {
        JsonNode node = object;
        for (String element : path) {
            if (node == null) {
                return null;
            }
            if (element.equals(".")) {
                continue;
            }
            if (element.startsWith("f:")) {
                node = node.isObject() ? node.get(element.substring(2)) : null;
            } else if (element.startsWith("k:")) {
                node = node.isArray() ? item((ArrayNode) node, element) : null;
            } else {
                return null;
            }
        }
        return node;
    }

    private static JsonNode item(ArrayNode array, String keyElement) {
        JsonNode key = Json.read(keyElement.substring(2));
        for (JsonNode item : array) {
            if (matches(item, key)) {
                return item;
            }
        }
        return null;
    }

    static boolean matches(JsonNode item, JsonNode key) {
        if (!item.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> k : key.properties()) {
            if (!k.getValue().equals(item.get(k.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes what {@code path} names from {@code object} (a member, or a list item for a path ending
     * in {@code .}), then removes objects left empty on the way up that {@code stillOwned} does not keep.
     *
     * @return whether something was removed
     */
    public static boolean remove(ObjectNode object, List<String> path, java.util.function.Predicate<List<String>> stillOwned) {
        List<String> target = path.get(path.size() - 1).equals(".") ? path.subList(0, path.size() - 1) : path;
        if (target.isEmpty()) {
            return false;
        }
        JsonNode parent = valueAt(object, target.subList(0, target.size() - 1));
        String last = target.get(target.size() - 1);
        boolean removed = false;
        if (last.startsWith("f:") && parent instanceof ObjectNode o) {
            removed = o.remove(last.substring(2)) != null;
        } else if (last.startsWith("k:") && parent instanceof ArrayNode a) {
            JsonNode key = Json.read(last.substring(2));
            for (Iterator<JsonNode> it = a.values().iterator(); it.hasNext(); ) {
                if (matches(it.next(), key)) {
                    it.remove();
                    removed = true;
                }
            }
        }
        if (removed) {
            // an object or list that only held what was removed goes too, unless someone owns it
            // (structured-merge-diff removes all the applier had set, then adds back what others own)
            for (int depth = target.size() - 1; depth >= 2; depth--) {
                List<String> up = target.subList(0, depth);
                JsonNode node = valueAt(object, up);
                if (node != null && node.isContainer() && node.isEmpty() && up.get(up.size() - 1).startsWith("f:") && !stillOwned.test(up)) {
                    JsonNode upParent = valueAt(object, up.subList(0, depth - 1));
                    if (upParent instanceof ObjectNode p) {
                        p.remove(up.get(up.size() - 1).substring(2));
                    }
                } else {
                    break;
                }
            }
        }
        return removed;
    }

    /** @return the path as kube prints it in conflicts: {@code .spec.static.hosts[host="a"].port} */
    public static String print(List<String> path) {
        StringBuilder out = new StringBuilder();
        for (String element : path) {
            if (element.startsWith("f:")) {
                out.append('.').append(element.substring(2));
            } else if (element.startsWith("k:")) {
                JsonNode key = Json.read(element.substring(2));
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, JsonNode> k : key.properties()) {
                    parts.add(k.getKey() + "=" + Json.write(k.getValue()));
                }
                out.append('[').append(String.join(",", parts)).append(']');
            }
        }
        return out.toString();
    }

    /** @return whether {@code path} starts with {@code prefix} */
    public static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}

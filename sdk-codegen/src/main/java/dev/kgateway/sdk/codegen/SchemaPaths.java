package dev.kgateway.sdk.codegen;

import tools.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The instance paths of a JSON schema: where in a document each schema node applies.
 *
 * <p>A path names object members from the root, joined by dots ({@code spec.aws.lambda.functionName});
 * array {@code items} add nothing (an element of {@code spec.static.hosts} has the member
 * {@code spec.static.hosts.host}), map values ({@code additionalProperties}) add {@code *}. Local
 * {@code $ref}s ({@code #/$defs/AuthToken}) are followed, so a shared definition has every path it is
 * used at; {@code allOf}/{@code anyOf}/{@code oneOf} branches apply at their parent's path.
 */
final class SchemaPaths {

    /** Paths by JSON pointer of the schema node ({@code ""} for the root, {@code /$defs/AuthToken}). */
    private final Map<String, Set<String>> byPointer = new LinkedHashMap<>();
    private final JsonNode root;

    private SchemaPaths(JsonNode root) {
        this.root = root;
    }

    /** Walks {@code root} (a schema document, or a CRD's {@code openAPIV3Schema}). */
    static SchemaPaths of(JsonNode root) {
        SchemaPaths paths = new SchemaPaths(root);
        paths.walk(root, "", "", new ArrayDeque<>());
        return paths;
    }

    /** Every instance path, the root's ({@code ""}) excluded. */
    Set<String> all() {
        Set<String> out = new LinkedHashSet<>();
        byPointer.values().forEach(out::addAll);
        out.remove("");
        return out;
    }

    /** The instance paths of the schema node at {@code pointer}; empty when no path reaches it. */
    Set<String> at(String pointer) {
        return byPointer.getOrDefault(pointer, Set.of());
    }

    static String child(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    /** Escapes one JSON pointer token ({@code ~} and {@code /}). */
    static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private void walk(JsonNode node, String pointer, String path, Deque<String> stack) {
        if (node == null || !node.isObject()) {
            return;
        }
        byPointer.computeIfAbsent(pointer, p -> new LinkedHashSet<>()).add(path);
        if (stack.contains(pointer)) {
            return; // a recursive definition: its members are named once, below its first use
        }
        stack.push(pointer);
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isString() && ref.asString().startsWith("#")) {
            String target = ref.asString().substring(1);
            JsonNode resolved = target.isEmpty() ? root : root.at(target);
            if (!resolved.isMissingNode()) {
                walk(resolved, normalize(target), path, stack);
            }
        }
        JsonNode properties = node.get("properties");
        if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> e : properties.properties()) {
                walk(e.getValue(), pointer + "/properties/" + token(e.getKey()), child(path, e.getKey()), stack);
            }
        }
        JsonNode items = node.get("items");
        if (items != null && items.isObject()) {
            walk(items, pointer + "/items", path, stack);
        } else if (items != null && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), pointer + "/items/" + i, path, stack);
            }
        }
        JsonNode additional = node.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            walk(additional, pointer + "/additionalProperties", child(path, "*"), stack);
        }
        for (String combiner : new String[] {"allOf", "anyOf", "oneOf"}) {
            JsonNode branches = node.get(combiner);
            if (branches != null && branches.isArray()) {
                for (int i = 0; i < branches.size(); i++) {
                    walk(branches.get(i), pointer + "/" + combiner + "/" + i, path, stack);
                }
            }
        }
        stack.pop();
    }

    /**
     * A JSON pointer with each token unescaped and escaped again, so pointers written by different
     * tools ({@code ~1} or a percent-decoded {@code /}) compare equal.
     */
    static String normalize(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String t : pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1)) {
            out.append('/').append(token(t.replace("~1", "/").replace("~0", "~")));
        }
        return out.toString();
    }
}

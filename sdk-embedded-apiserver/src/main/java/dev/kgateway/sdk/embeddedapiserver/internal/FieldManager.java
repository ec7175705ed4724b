package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.internal.FieldPaths.Part;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Field management as kube-apiserver does it (structured-merge-diff): who owns which field, recorded
 * in {@code metadata.managedFields}; server-side apply with conflicts, force and removal of fields a
 * manager stopped applying; ownership moving to the writer on updates.
 */
public final class FieldManager {

    /** One {@code managedFields} entry. */
    public record Entry(String manager, String operation, String apiVersion, String time, String subresource, Set<List<String>> fields) {

        boolean sameOwner(String otherManager, String otherOperation, String otherSubresource) {
            return manager.equals(otherManager) && operation.equals(otherOperation) && Objects.equals(subresource, otherSubresource);
        }

        /** The manager as kube prints it in conflicts: {@code "name"}, {@code "name" using v1} for updates. */
        String printed() {
            String out = "\"" + manager + "\"";
            if (subresource != null) {
                out += " with subresource \"" + subresource + "\"";
            }
            return operation.equals("Update") ? out + " using " + apiVersion : out;
        }
    }

    /** A field another manager owns with a different value. */
    public record Conflict(String manager, List<String> path) {
    }

    /** An apply that conflicts with other managers and was not forced. */
    public static final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Conflict> conflicts;

        ConflictException(List<Conflict> conflicts) {
            super(message(conflicts));
            this.conflicts = List.copyOf(conflicts);
        }

        public List<Conflict> conflicts() {
            return conflicts;
        }

        /** kube-apiserver's wording (k8s.io/apiserver fieldmanager, getConflictMessage). */
        private static String message(List<Conflict> conflicts) {
            if (conflicts.size() == 1) {
                Conflict c = conflicts.get(0);
                return "Apply failed with 1 conflict: conflict with " + c.manager() + ": " + FieldPaths.print(c.path());
            }
            Map<String, List<String>> byManager = new java.util.TreeMap<>();
            for (Conflict c : conflicts) {
                byManager.computeIfAbsent(c.manager(), m -> new ArrayList<>()).add(FieldPaths.print(c.path()));
            }
            List<String> lines = new ArrayList<>();
            byManager.forEach((manager, paths) -> {
                lines.add("conflicts with " + manager + ":");
                paths.forEach(p -> lines.add("- " + p));
            });
            return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
    }

    private FieldManager() {
    }

    /** @return the entries of {@code object.metadata.managedFields} */
    public static List<Entry> read(JsonNode object) {
        List<Entry> out = new ArrayList<>();
        if (object == null) {
            return out;
        }
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            JsonNode sub = e.get("subresource");
            out.add(new Entry(e.path("manager").asString(""), e.path("operation").asString("Update"), e.path("apiVersion").asString(""),
                    e.path("time").asString(""), sub == null || sub.isNull() ? null : sub.asString(),
                    FieldPaths.fromFieldsV1(e.path("fieldsV1"))));
        }
        return out;
    }

    static void write(ObjectNode object, List<Entry> entries) {
        ArrayNode array = Json.array();
        for (Entry e : entries) {
            if (e.fields().isEmpty()) {
                continue;
            }
            ObjectNode node = array.addObject();
            node.put("manager", e.manager());
            node.put("operation", e.operation());
            node.put("apiVersion", e.apiVersion());
            node.put("time", e.time());
            node.put("fieldsType", "FieldsV1");
            node.set("fieldsV1", FieldPaths.toFieldsV1(e.fields()));
            if (e.subresource() != null) {
                node.put("subresource", e.subresource());
            }
        }
        ObjectNode meta = Json.metadata(object);
        if (array.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", array);
        }
    }

    /**
     * Applies {@code applied} as {@code manager} onto {@code live} ({@code null} when the object is new).
     *
     * @return the new object with its managedFields; {@code live} is not changed
     * @throws ConflictException when other managers own applied fields with other values and {@code force} is off
     */
    public static ObjectNode apply(ObjectNode live, ObjectNode applied, ResourceType type, String manager, boolean force,
                                   String apiVersion, String now, Part part) {
        String subresource = part == Part.STATUS ? "status" : null;
        ObjectNode base = live == null ? Json.object() : live.deepCopy();
        Set<List<String>> appliedFields = FieldPaths.of(applied, type, part);
        List<Entry> entries = read(base);
        List<Conflict> conflicts = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sameOwner(manager, "Apply", subresource)) {
                continue;
            }
            for (List<String> path : e.fields()) {
                if (appliedFields.contains(path) && !path.get(path.size() - 1).equals(".")
                        && !Objects.equals(FieldPaths.valueAt(applied, path), FieldPaths.valueAt(base, path))) {
                    conflicts.add(new Conflict(e.printed(), path));
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw new ConflictException(conflicts);
        }
        List<Entry> next = new ArrayList<>();
        Set<List<String>> previous = Set.of();
        for (Entry e : entries) {
            if (e.sameOwner(manager, "Apply", subresource)) {
                previous = e.fields();
                continue;
            }
            Set<List<String>> kept = new LinkedHashSet<>(e.fields());
            for (Conflict c : conflicts) {
                kept.remove(c.path());
            }
            next.add(new Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), e.subresource(), kept));
        }
        merge(base, applied, type, part);
        for (List<String> path : previous) {
            if (appliedFields.contains(path) || ownedByAny(next, path)) {
                continue;
            }
            FieldPaths.remove(base, path, prefix -> ownedByAny(next, prefix) || appliedFields.stream().anyMatch(p -> FieldPaths.startsWith(p, prefix)));
        }
        next.add(new Entry(manager, "Apply", apiVersion, now, subresource, appliedFields));
        write(base, next);
        return base;
    }

    private static boolean ownedByAny(List<Entry> entries, List<String> prefix) {
        for (Entry e : entries) {
            for (List<String> p : e.fields()) {
                if (FieldPaths.startsWith(p, prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Merges the applied configuration into {@code base}: objects member by member, map lists by key, everything else replaced. */
    private static void merge(ObjectNode base, ObjectNode applied, ResourceType type, Part part) {
        for (Map.Entry<String, JsonNode> member : applied.properties()) {
            String name = member.getKey();
            boolean status = name.equals("status") && type.statusSubresource();
            if ((part == Part.STATUS) != status) {
                if (part == Part.MAIN && (name.equals("apiVersion") || name.equals("kind"))) {
                    base.set(name, member.getValue());
                }
                continue;
            }
            if (name.equals("metadata")) {
                ObjectNode meta = Json.metadata(base);
                for (Map.Entry<String, JsonNode> m : member.getValue().properties()) {
                    switch (m.getKey()) {
                        case "labels", "annotations" -> meta.set(m.getKey(), mergeValue(meta.get(m.getKey()), m.getValue(), "metadata." + m.getKey(), type));
                        case "finalizers", "ownerReferences" -> meta.set(m.getKey(), m.getValue());
                        case "name", "namespace", "generateName" -> {
                            if (!meta.has(m.getKey())) {
                                meta.set(m.getKey(), m.getValue());
                            }
                        }
                        default -> { }
                    }
                }
                continue;
            }
            base.set(name, mergeValue(base.get(name), member.getValue(), name, type));
        }
    }

    private static JsonNode mergeValue(JsonNode live, JsonNode applied, String schemaPath, ResourceType type) {
        if (live instanceof ObjectNode liveObject && applied.isObject()) {
            ObjectNode out = liveObject.deepCopy();
            for (Map.Entry<String, JsonNode> m : applied.properties()) {
                out.set(m.getKey(), mergeValue(out.get(m.getKey()), m.getValue(), schemaPath + "." + m.getKey(), type));
            }
            return out;
        }
        List<String> keys = type.listMapKeys(schemaPath);
        if (keys != null && live instanceof ArrayNode liveArray && applied.isArray()) {
            ArrayNode out = liveArray.deepCopy();
            for (JsonNode item : applied) {
                JsonNode key = Json.read(FieldPaths.key(item, keys).substring(2));
                boolean merged = false;
                for (int i = 0; i < out.size(); i++) {
                    if (FieldPaths.matches(out.get(i), key)) {
                        out.set(i, mergeValue(out.get(i), item, schemaPath, type));
                        merged = true;
                        break;
                    }
                }
                if (!merged) {
                    out.add(item.deepCopy());
                }
            }
            return out;
        }
        return applied.deepCopy();
    }

    /**
     * Records a write that is not an apply (create, update, patch): the writer ({@code manager},
     * operation Update) becomes the owner of every field it set or changed; fields it removed are
     * owned by nobody.
     */
    public static void recordUpdate(JsonNode old, ObjectNode updated, ResourceType type, String manager, String apiVersion,
                                    String now, Part part) {
        String subresource = part == Part.STATUS ? "status" : null;
        Set<List<String>> before = FieldPaths.of(old, type, part);
        Set<List<String>> after = FieldPaths.of(updated, type, part);
        Set<List<String>> changed = new LinkedHashSet<>();
        for (List<String> path : after) {
            boolean item = path.get(path.size() - 1).equals(".");
            if (item ? !before.contains(path) : !Objects.equals(FieldPaths.valueAt(old, path), FieldPaths.valueAt(updated, path))) {
                changed.add(path);
            }
        }
        List<Entry> entries = read(old);
        List<Entry> next = new ArrayList<>();
        Set<List<String>> mine = new LinkedHashSet<>();
        for (Entry e : entries) {
            Set<List<String>> kept = new LinkedHashSet<>();
            for (List<String> p : e.fields()) {
                if (!changed.contains(p) && (after.contains(p) || !belongsTo(p, type, part))) {
                    kept.add(p);
                }
            }
            if (e.sameOwner(manager, "Update", subresource)) {
                mine.addAll(kept);
            } else {
                next.add(new Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), e.subresource(), kept));
            }
        }
        mine.addAll(changed);
        if (!mine.isEmpty()) {
            next.add(new Entry(manager, "Update", apiVersion, now, subresource, mine));
        }
        write(updated, next);
    }

    private static boolean belongsTo(List<String> path, ResourceType type, Part part) {
        boolean status = path.get(0).equals("f:status") && type.statusSubresource();
        return (part == Part.STATUS) == status;
    }
}

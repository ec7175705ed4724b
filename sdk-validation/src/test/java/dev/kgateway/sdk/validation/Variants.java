package dev.kgateway.sdk.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Variants of valid Backends, each with one member broken, removed, moved, renamed or added, drawn with
 * jqwik's generators from a seed (the same seed gives the same cases). The schema of the release CRD
 * steers the breaks (an enum gets a value outside it, a bounded string one character too many, a
 * set a duplicate item, ...) and the additions (a declared member the Backend does not set yet).
 */
final class Variants {

    /** What a variant does to its base. */
    enum Kind {
        /** a member gets an arbitrary value (another type, null, a long string, an odd number, ...) */
        BREAK,
        /** a member gets a value just outside its schema (enum, bounds, pattern, type, uniqueness, required) */
        SCHEMA_BREAK,
        /** a member is removed */
        REMOVE,
        /** a member moves to another object of the Backend */
        MOVE,
        /** a member is renamed, to a declared sibling it does not have when there is one */
        RENAME,
        /** an undeclared member is added */
        ADD_UNKNOWN,
        /** a declared member the Backend lacks is added, with a value made from its schema */
        ADD_DECLARED,
        /** metadata: the name or a label made invalid, or an unknown metadata member */
        METADATA
    }

    /** One generated case: the document and what was done to which base. */
    record Case(String id, JsonNode document) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** jqwik's draw for one case: every choice made, applied to a base by {@link #apply}. */
    record Recipe(int base, Kind kind, int where, int pick, JsonNode odd, String oddKey) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Variants() {
    }

    static Arbitrary<Recipe> recipes() {
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(3, Kind.BREAK), Tuple.of(5, Kind.SCHEMA_BREAK), Tuple.of(2, Kind.REMOVE),
                Tuple.of(2, Kind.MOVE), Tuple.of(2, Kind.RENAME), Tuple.of(2, Kind.ADD_UNKNOWN),
                Tuple.of(4, Kind.ADD_DECLARED), Tuple.of(1, Kind.METADATA));
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("type", "name", "host", "port", "hosts", "region", "static", "aws", "ai", "x", "extra", "weight"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10));
        return Combinators.combine(choice, kinds, choice, choice, oddValues(), keys).as(Recipe::new);
    }

    /** Values of every JSON type, with the edges that matter to a schema: empty, long, negative, huge, fractional, null. */
    static Arbitrary<JsonNode> oddValues() {
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(JSON::stringNode),
                Arbitraries.of("", "AWS", "Static", "GCP", "AI", "static", "http://x", "10.0.0.1", "US_EAST", "us-east-1", "a.b-c", "8080")
                        .map(JSON::stringNode),
                Arbitraries.integers().between(60, 300).map(n -> JSON.stringNode("a".repeat(n))));
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                Arbitraries.longs().between(-2, 70_000).map(JSON::numberNode),
                Arbitraries.of(0L, -1L, 1L, 65535L, 65536L, 2147483648L, Long.MAX_VALUE).map(JSON::numberNode),
                Arbitraries.of(0.5, 1.5, -0.25, 1e21).map(JSON::numberNode));
        Arbitrary<JsonNode> others = Arbitraries.of(0, 1, 2, 3, 4, 5, 6).map(i -> switch (i) {
            case 0 -> JSON.booleanNode(true);
            case 1 -> JSON.booleanNode(false);
            case 2 -> JSON.nullNode();
            case 3 -> JSON.objectNode();
            case 4 -> JSON.arrayNode();
            case 5 -> JSON.arrayNode().add("a").add("a");
            default -> JSON.objectNode().put("x", 1);
        });
        return Arbitraries.frequencyOf(
                Tuple.of(4, strings), Tuple.of(3, numbers), Tuple.of(3, others));
    }

    /**
     * @param bases  valid Backends of the release (the fixtures it accepts)
     * @param schema the release's {@code openAPIV3Schema}
     * @param count  how many variants
     * @param seed   the seed: the same seed, bases and schema give the same variants
     */
    static List<Case> generate(List<Fixtures.Doc> bases, JsonNode schema, int count, long seed) {
        // jqwik draws samples outside a property from its thread's source of randomness: seeded here, so a seed
        // gives the same recipes on every run (Arbitrary.generator() itself needs a running property)
        SourceOfRandomness.create(Long.toString(seed));
        List<Recipe> recipes = recipes().sampleStream().limit(count).toList();
        List<Case> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Recipe r = recipes.get(i);
            Fixtures.Doc base = bases.get(r.base() % bases.size());
            ObjectNode doc = (ObjectNode) base.tree().deepCopy();
            String what = apply(doc, schema, r);
            out.add(new Case("#" + i + " " + base.name() + " " + r.kind() + " " + what, doc));
        }
        return out;
    }

    /** A place in the document: the container holding it and its key or index. */
    record Location(String path, JsonNode container, String key, int index, JsonNode schema, JsonNode parentSchema) {
        JsonNode value() {
            return key != null ? container.get(key) : container.get(index);
        }

        void set(JsonNode v) {
            if (key != null) {
                ((ObjectNode) container).set(key, v);
            } else {
                ((ArrayNode) container).set(index, v);
            }
        }

        void remove() {
            if (key != null) {
                ((ObjectNode) container).remove(key);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }
    }

    static String apply(ObjectNode doc, JsonNode schema, Recipe r) {
        List<Location> members = new ArrayList<>();
        List<Location> objects = new ArrayList<>();
        JsonNode spec = doc.get("spec");
        if (spec != null) {
            walk(doc, "spec", -1, "spec", schema.path("properties").path("spec"), schema, members, objects);
        }
        if (r.kind() == Kind.METADATA || members.isEmpty()) {
            return metadata(doc, r);
        }
        Location at = members.get(r.where() % members.size());
        switch (r.kind()) {
            case BREAK -> {
                at.set(r.odd().deepCopy());
                return at.path() + " = " + r.odd();
            }
            case SCHEMA_BREAK -> {
                List<JsonNode> breaks = schemaBreaks(at.value(), at.schema());
                if (breaks.isEmpty()) {
                    at.set(r.odd().deepCopy());
                    return at.path() + " = " + r.odd();
                }
                JsonNode b = breaks.get(r.pick() % breaks.size());
                at.set(b);
                return at.path() + " = " + abbreviate(b);
            }
            case REMOVE -> {
                at.remove();
                return "- " + at.path();
            }
            case MOVE -> {
                if (at.key() == null || objects.size() < 2) {
                    at.remove();
                    return "- " + at.path();
                }
                JsonNode value = at.value();
                List<Location> targets = objects.stream()
                        .filter(o -> o.value() != at.container() && !o.value().has(at.key()) && !o.path().startsWith(at.path())).toList();
                if (targets.isEmpty()) {
                    at.remove();
                    return "- " + at.path();
                }
                Location to = targets.get(r.pick() % targets.size());
                at.remove();
                ((ObjectNode) to.value()).set(at.key(), value);
                return at.path() + " -> " + to.path() + "." + at.key();
            }
            case RENAME -> {
                if (at.key() == null) {
                    at.remove();
                    return "- " + at.path();
                }
                JsonNode value = at.value();
                List<String> absent = absentDeclared(at.container(), at.parentSchema());
                String to = absent.isEmpty() ? at.key() + "s" : absent.get(r.pick() % absent.size());
                at.remove();
                ((ObjectNode) at.container()).set(to, value);
                return at.path() + " -> " + to;
            }
            case ADD_UNKNOWN -> {
                Location o = objects.get(r.where() % objects.size());
                String key = o.schema().path("properties").has(r.oddKey()) || o.value().has(r.oddKey()) ? "x" + r.oddKey() + "x" : r.oddKey();
                if (o.schema().has("additionalProperties") || o.schema().path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    key = "x" + key;
                }
                ((ObjectNode) o.value()).set(key, r.odd().deepCopy());
                return "+ " + o.path() + "." + key + " = " + abbreviate(r.odd());
            }
            case ADD_DECLARED -> {
                Location o = objects.get(r.where() % objects.size());
                List<String> absent = absentDeclared(o.value(), o.schema());
                if (absent.isEmpty()) {
                    ((ObjectNode) o.value()).set("x" + r.oddKey(), r.odd().deepCopy());
                    return "+ " + o.path() + ".x" + r.oddKey();
                }
                String key = absent.get(r.pick() % absent.size());
                JsonNode value = example(o.schema().path("properties").path(key), r.pick(), 0);
                ((ObjectNode) o.value()).set(key, value);
                return "+ " + o.path() + "." + key + " = " + abbreviate(value);
            }
            default -> throw new IllegalStateException(r.kind().name());
        }
    }

    private static String metadata(ObjectNode doc, Recipe r) {
        ObjectNode meta = (ObjectNode) doc.path("metadata");
        switch (r.pick() % 8) {
            case 0 -> meta.put("name", "My_Backend");
            case 1 -> meta.put("name", "a".repeat(254));
            case 2 -> meta.remove("name");
            case 3 -> meta.withObject("labels").put("bad key!", "v");
            case 4 -> meta.withObject("labels").put("app", "v".repeat(64));
            case 5 -> meta.withObject("labels").put("a/b/" + r.oddKey(), "v");
            case 6 -> meta.withObject("annotations").put("big", "x".repeat(256 * 1024));
            default -> meta.set("x" + r.oddKey(), r.odd().deepCopy());
        }
        return "metadata #" + r.pick() % 8;
    }

    private static void walk(JsonNode container, String key, int index, String path, JsonNode s, JsonNode parentSchema,
            List<Location> members, List<Location> objects) {
        Location here = new Location(path, container, key, index, s, parentSchema);
        members.add(here);
        JsonNode value = here.value();
        if (value.isObject()) {
            objects.add(here);
            List<String> names = new ArrayList<>();
            value.propertyNames().forEach(names::add);
            for (String k : names) {
                JsonNode declared = s.path("properties").get(k);
                boolean mapKey = declared == null && s.path("additionalProperties").isObject();
                JsonNode cs = declared != null ? declared : mapKey ? s.path("additionalProperties") : JSON.objectNode();
                walk(value, k, -1, mapKey ? path + "[" + k + "]" : path + "." + k, cs, s, members, objects);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(value, null, i, path + "[" + i + "]", s.path("items"), s, members, objects);
            }
        }
    }

    private static List<String> absentDeclared(JsonNode object, JsonNode schema) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            if (!object.has(p.getKey())) {
                out.add(p.getKey());
            }
        }
        return out;
    }

    /** Values just outside the schema of {@code value}'s node. */
    static List<JsonNode> schemaBreaks(JsonNode value, JsonNode s) {
        List<JsonNode> out = new ArrayList<>();
        String type = s.path("type").asString("");
        boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        if (s.has("enum")) {
            out.add(JSON.stringNode("Bogus"));
            String first = s.path("enum").path(0).asString("");
            out.add(JSON.stringNode(first.toLowerCase()));
        }
        if (s.has("maxLength")) {
            out.add(JSON.stringNode("a".repeat(s.path("maxLength").asInt() + 1)));
        }
        if (s.has("minLength")) {
            out.add(JSON.stringNode("a".repeat(Math.max(0, s.path("minLength").asInt() - 1))));
        }
        if (s.has("pattern")) {
            out.add(JSON.stringNode("Not A_Match!"));
            out.add(JSON.stringNode(""));
        }
        if (s.has("format")) {
            out.add(JSON.stringNode("not-a-" + s.path("format").asString("")));
        }
        if (s.has("minimum")) {
            out.add(JSON.numberNode(s.path("minimum").asLong() - 1));
        }
        if (s.has("maximum")) {
            out.add(JSON.numberNode(s.path("maximum").asLong() + 1));
        }
        if (type.equals("array")) {
            ArrayNode a = value.isArray() ? (ArrayNode) value : JSON.arrayNode();
            if (s.has("maxItems") && !a.isEmpty()) {
                ArrayNode more = JSON.arrayNode();
                for (int i = 0; i <= s.path("maxItems").asInt(); i++) {
                    more.add(a.get(i % a.size()).deepCopy());
                }
                out.add(more);
            }
            if (s.has("minItems")) {
                out.add(JSON.arrayNode());
            }
            if (!a.isEmpty()) {
                ArrayNode dup = a.deepCopy();
                dup.add(a.get(0).deepCopy());
                out.add(dup);
            }
            out.add(JSON.objectNode());
        }
        if (type.equals("object")) {
            ObjectNode o = value.isObject() ? (ObjectNode) value : JSON.objectNode();
            for (JsonNode r : s.path("required")) {
                if (o.has(r.asString(""))) {
                    ObjectNode less = o.deepCopy();
                    less.remove(r.asString(""));
                    out.add(less);
                }
            }
            out.add(JSON.objectNode());
            out.add(JSON.stringNode("x"));
            out.add(JSON.arrayNode());
        }
        if (type.equals("string") && !intOrString) {
            out.add(JSON.numberNode(5));
            out.add(JSON.booleanNode(true));
        }
        if (type.equals("integer") || intOrString) {
            out.add(JSON.numberNode(1.5));
            out.add(JSON.stringNode(intOrString ? "" : "5"));
            out.add(JSON.numberNode(-1));
        }
        if (type.equals("boolean")) {
            out.add(JSON.stringNode("true"));
        }
        out.add(JSON.nullNode());
        return out;
    }

    /** A value made from a schema: the first enum value, a bound, required members filled; not always valid. */
    static JsonNode example(JsonNode s, int pick, int depth) {
        if (s.has("enum")) {
            JsonNode e = s.path("enum");
            return e.get(pick % e.size()).deepCopy();
        }
        if (s.has("default")) {
            return s.path("default").deepCopy();
        }
        String type = s.path("type").asString("");
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return JSON.numberNode(8080);
        }
        switch (type) {
            case "string" -> {
                int min = s.path("minLength").asInt(1);
                return JSON.stringNode(s.has("pattern") ? "a" + "a".repeat(Math.max(0, min - 1)) : "example".repeat(Math.max(1, min)));
            }
            case "integer", "number" -> {
                long min = s.has("minimum") ? s.path("minimum").asLong() : 1;
                long max = s.has("maximum") ? s.path("maximum").asLong() : min + 100;
                return JSON.numberNode(min + (pick % Math.max(1, max - min + 1)));
            }
            case "boolean" -> {
                return JSON.booleanNode(pick % 2 == 0);
            }
            case "array" -> {
                ArrayNode a = JSON.arrayNode();
                if (depth < 4) {
                    a.add(example(s.path("items"), pick, depth + 1));
                }
                return a;
            }
            case "object" -> {
                ObjectNode o = JSON.objectNode();
                if (depth < 4) {
                    for (JsonNode r : s.path("required")) {
                        String name = r.asString("");
                        o.set(name, example(s.path("properties").path(name), pick, depth + 1));
                    }
                    if (o.isEmpty() && s.path("properties").size() > 0 && pick % 3 != 0) {
                        List<String> names = new ArrayList<>();
                        s.path("properties").propertyNames().forEach(names::add);
                        String name = names.get(pick % names.size());
                        o.set(name, example(s.path("properties").path(name), pick / 3, depth + 1));
                    }
                    if (o.isEmpty() && s.path("additionalProperties").isObject()) {
                        o.set("k", example(s.path("additionalProperties"), pick, depth + 1));
                    }
                }
                return o;
            }
            default -> {
                return JSON.stringNode("x");
            }
        }
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}

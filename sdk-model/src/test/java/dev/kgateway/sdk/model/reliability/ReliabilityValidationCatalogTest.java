package dev.kgateway.sdk.model.reliability;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validation catalog ({@code validation-catalog.yaml}, one file of data): 185 invalid
 * Backends, each of which {@link Backend#validate()} must report with exactly its one violation
 * (JSON path and rule keyword), and 185 valid twins that must report none. The cases cover every
 * rule {@code schema/backend.json} declares (required, pattern, minLength, maxLength, minimum,
 * maximum, minItems, maxItems, enum, const, format date-time, propertyNames, x-kgateway-union, x-kgateway-requires), which
 * {@link #catalogCoversEveryRuleOfTheSchema()} derives from the schema itself.
 */
class ReliabilityValidationCatalogTest {

    private static final Pattern REPEAT = Pattern.compile("\\$repeat\\((.),(\\d+)\\)");
    private static final Set<String> RULE_KEYWORDS = Set.of("pattern", "minLength", "maxLength", "minimum", "maximum", "minItems",
            "maxItems", "enum", "const");

    private static final JsonNode CATALOG = load();

    private static JsonNode load() {
        try (InputStream in = ReliabilityValidationCatalogTest.class.getResourceAsStream("/validation-catalog.yaml")) {
            return expand(BackendJson.yamlMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One catalog case, built from its base and patches. */
    record Case(String path, String rule, List<String> alsoBreaks, Backend invalid, Backend valid) {
        @Override
        public String toString() {
            return path + " " + rule;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (JsonNode c : CATALOG.get("cases")) {
            JsonNode base = CATALOG.get("bases").get(c.get("base").asString());
            assertThat(base).as("base %s", c.get("base")).isNotNull();
            List<String> also = new ArrayList<>();
            if (c.has("alsoBreaks")) {
                c.get("alsoBreaks").forEach(rule -> also.add(rule.asString()));
            }
            out.add(new Case(c.get("path").asString(), c.get("rule").asString(), also,
                    BackendJson.fromTree(mergePatch(base, c.get("invalid"))), BackendJson.fromTree(mergePatch(base, c.get("valid")))));
        }
        return out;
    }

    /**
     * The violations of {@code backend}, less the {@code seedOnly} reports of the seed-shaped bases
     * (the seed schema's rules are catalogued on seed-shaped Backends, whose members no kgateway
     * release serves; {@link #seedShapedBasesReportEachSeedOnlyMember} specifies those reports) unless
     * {@code rule} is {@code seedOnly} itself.
     */
    static List<Violation> rules(Backend backend, String rule) {
        return backend.validate().stream().filter(v -> rule.equals("seedOnly") || !v.rule().equals("seedOnly")).toList();
    }

    @Test
    void seedShapedBasesReportEachSeedOnlyMember() {
        Map<String, List<String>> seedOnly = new java.util.TreeMap<>();
        CATALOG.get("bases").properties().forEach(base -> {
            List<String> paths = BackendJson.fromTree(base.getValue()).validate().stream()
                    .filter(v -> v.rule().equals("seedOnly")).map(Violation::path).toList();
            if (!paths.isEmpty()) {
                seedOnly.put(base.getKey(), paths);
            }
        });

        assertThat(seedOnly).containsOnlyKeys("static", "aws", "openai", "azure", "gemini", "mistral")
                .containsEntry("static", List.of("spec.static.hosts[0].tls"))
                .containsEntry("aws", List.of("spec.aws.lambdaFunctionName", "spec.aws.roleArn"))
                .containsEntry("openai", List.of("spec.ai.provider", "spec.ai.provider.openai.authToken.secretRef.namespace"));
    }

    static Stream<Arguments> catalog() {
        return cases().stream().map(c -> Arguments.of(c.path(), c.rule(), c));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("catalog")
    void invalidBackendHasExactlyItsOneViolation(String path, String rule, Case c) {
        List<Violation> violations = rules(c.invalid(), rule);

        List<String> expected = new ArrayList<>();
        expected.add(path + " " + rule);
        c.alsoBreaks().forEach(also -> expected.add(path + " " + also));
        assertThat(violations).extracting(v -> v.path() + " " + v.rule()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("catalog")
    void validTwinHasNoViolation(String path, String rule, Case c) {
        assertThat(rules(c.valid(), "")).isEmpty();
        assertThat(c.valid()).isNotEqualTo(c.invalid());
    }

    @Test
    void everyBaseIsValid() {
        CATALOG.get("bases").properties().forEach(base -> assertThat(rules(BackendJson.fromTree(base.getValue()), "")).as(base.getKey()).isEmpty());
    }

    @Test
    void catalogHasAtLeastFortyCasesOfEveryRuleKeyword() {
        List<Case> cases = cases();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(40).hasSize(186);
        assertThat(cases).extracting(Case::rule).containsAll(Set.of("required", "pattern", "minLength", "maxLength", "minimum", "maximum",
                "minItems", "maxItems", "enum", "const", "format", "union", "propertyNames"));
    }

    @Test
    void catalogCoversEveryRuleOfTheSchema() throws IOException {
        JsonNode schema = BackendJson.jsonMapper().readTree(Files.readString(schemaFile()));
        Set<String> declared = new TreeSet<>();
        walk(schema, schema, "", declared);
        Set<String> covered = new TreeSet<>();
        for (Case c : cases()) {
            covered.add(location(c.path(), c.rule(), declared));
            c.alsoBreaks().forEach(also -> covered.add(location(c.path(), also, declared)));
        }

        assertThat(declared).hasSize(183);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(declared);
    }

    // ---- the schema's rules ----

    private static Path schemaFile() {
        String dir = System.getProperty("kgateway.schema.dir");
        return dir != null ? Path.of(dir, "backend.json") : Path.of("..", "schema", "backend.json");
    }

    /**
     * Collects "path rule" for every rule the schema declares; a {@code $defs} definition once, under
     * its own name ({@code $defs.AuthToken.secretRef required}), whatever refers to it.
     */
    private static void walk(JsonNode node, JsonNode root, String path, Set<String> out) {
        walk(node, root, path, out, new java.util.HashSet<>(), false);
    }

    /** {@code optional}: the node is a member its object does not require (an empty optional list is absent: no minItems). */
    private static void walk(JsonNode node, JsonNode root, String path, Set<String> out, Set<String> visited, boolean optional) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asString(); // #/$defs/AuthToken, or a node declared inline elsewhere
            if (ref.startsWith("#/$defs/") && visited.add(ref)) {
                walk(root.at(ref.substring(1)), root, ref.substring(2).replace('/', '.'), out, visited, false);
            }
            return;
        }
        for (String keyword : RULE_KEYWORDS) {
            if (node.has(keyword) && !(optional && keyword.equals("minItems"))) {
                out.add(path + " " + keyword);
            }
        }
        if (node.has("format") && "date-time".equals(node.get("format").asString())) {
            out.add(path + " format");
        }
        if (node.has("propertyNames")) {
            out.add(path + ".* propertyNames");
        }
        JsonNode union = node.get("x-kgateway-union");
        if (union != null) {
            if (union.has("count")) {
                out.add(path + " union");
            }
            union.path("members").properties().forEach(member -> {
                if (!member.getValue().isNull()) {
                    out.add(child(path, member.getValue().asString()) + " union");
                }
            });
        }
        for (JsonNode requirement : node.path("x-kgateway-requires")) {
            JsonNode anyOf = requirement.get("anyOf");
            out.add((anyOf.size() == 1 ? child(path, anyOf.get(0).asString()) : path) + " required");
        }
        if (node.has("required")) {
            for (JsonNode name : node.get("required")) {
                JsonNode property = node.get("properties").get(name.asString());
                // an empty required collection is reported once, as minItems
                if (!("array".equals(property.path("type").asString()) && property.has("minItems"))) {
                    out.add(child(path, name.asString()) + " required");
                }
            }
        }
        if (node.has("properties")) {
            Set<String> required = new java.util.HashSet<>();
            node.path("required").forEach(r -> required.add(r.asString()));
            node.get("properties").properties().forEach(p -> walk(p.getValue(), root, child(path, p.getKey()), out, visited,
                    !required.contains(p.getKey())));
        }
        if (node.has("items")) {
            walk(node.get("items"), root, path + "[]", out, visited, false);
        }
        if (node.has("additionalProperties") && node.get("additionalProperties").isObject()) {
            walk(node.get("additionalProperties"), root, path + ".*", out, visited, false);
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static final Pattern SEGMENT = Pattern.compile("\\.?([^.\\[]+)|\\[(\\d+)]|\\['((?:[^'\\\\]|\\\\.)*)']");

    /**
     * A violation path as a schema location: indices to [], map keys to .*, and a path that passes
     * through a {@code $defs} definition restarts at it ({@code spec.ai.llm.openai.authToken.kind}
     * is {@code $defs.AuthToken.kind}).
     */
    /**
     * "location rule" of a violation. A path that ends at a {@code $ref} member names either the
     * member ({@code authToken required}: a location in the object that holds it) or the referenced
     * object itself ({@code authToken union}: its own block count); the one the schema declares wins.
     */
    private static String location(String path, String rule, Set<String> declared) {
        String member = normalize(path, false) + " " + rule;
        return declared.contains(member) ? member : normalize(path, true) + " " + rule;
    }

    private static String normalize(String path, boolean resolveLast) {
        JsonNode root = schema();
        JsonNode node = root;
        String location = "";
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            if (m.group(1) != null) {
                node = node.path("properties").path(m.group(1));
                location = child(location, m.group(1));
            } else if (m.group(2) != null) {
                node = node.path("items");
                location = location + "[]";
            } else {
                node = node.path("additionalProperties");
                location = location + ".*";
            }
            while (node.has("$ref") && (resolveLast || m.end() < path.length())) {
                String ref = node.get("$ref").asString();
                node = root.at(ref.substring(1));
                if (ref.startsWith("#/$defs/")) {
                    location = ref.substring(2).replace('/', '.');
                }
            }
        }
        return location;
    }

    private static JsonNode schema() {
        try {
            return BackendJson.jsonMapper().readTree(Files.readString(schemaFile()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- catalog data ----

    /** RFC 7386: objects merge member by member, null removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : BackendJson.jsonMapper().createObjectNode();
        patch.properties().forEach(member -> {
            if (member.getValue().isNull()) {
                out.remove(member.getKey());
            } else {
                out.set(member.getKey(), mergePatch(out.get(member.getKey()), member.getValue()));
            }
        });
        return out;
    }

    /** Expands "$repeat(c,n)" in every string of the tree. */
    private static JsonNode expand(JsonNode node) {
        if (node.isString()) {
            Matcher m = REPEAT.matcher(node.asString());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
            }
            m.appendTail(out);
            return StringNode.valueOf(out.toString());
        }
        if (node.isObject()) {
            ObjectNode copy = BackendJson.jsonMapper().createObjectNode();
            node.properties().forEach(member -> copy.set(member.getKey(), expand(member.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = BackendJson.jsonMapper().createArrayNode();
            node.forEach(item -> copy.add(expand(item)));
            return copy;
        }
        return node;
    }
}

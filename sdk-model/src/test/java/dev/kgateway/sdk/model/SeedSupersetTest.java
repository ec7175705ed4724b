package dev.kgateway.sdk.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schema/backend.json} is a superset of the seed schema it grew from: every path the seed
 * describes exists with the same {@code type} and {@code const} and an {@code enum} that extends the
 * seed's, and {@code $ref}s point at the same definitions.
 */
class SeedSupersetTest {

    private static final List<String> COMPARED = List.of("type", "enum", "const");

    static JsonNode seed;
    static JsonNode schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SeedSupersetTest.class.getResourceAsStream("/seed/backend.schema.json")) {
            assertThat(in).as("seed schema in test resources").isNotNull();
            seed = BackendJson.jsonMapper().readTree(in);
        }
        schema = BackendJson.jsonMapper().readTree(schemaFile().toFile());
    }

    static Path schemaFile() {
        return Path.of(System.getProperty("kgateway.schema.dir", "../schema"), "backend.json");
    }

    /** Every schema node of the seed by JSON pointer, following properties, items, $defs and additionalProperties. */
    static Map<String, JsonNode> paths(JsonNode root) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(JsonNode node, String pointer, Map<String, JsonNode> out) {
        out.put(pointer, node);
        for (String container : List.of("properties", "$defs")) {
            for (Map.Entry<String, JsonNode> child : node.path(container).properties()) {
                walk(child.getValue(), pointer + "/" + container + "/" + escape(child.getKey()), out);
            }
        }
        if (node.path("items").isObject()) {
            walk(node.get("items"), pointer + "/items", out);
        }
        if (node.path("additionalProperties").isObject()) {
            walk(node.get("additionalProperties"), pointer + "/additionalProperties", out);
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The node, or the node its local {@code $ref} chain ends at; {@code refs} collects the chain. */
    static JsonNode resolve(JsonNode root, JsonNode node, List<String> refs) {
        JsonNode current = node;
        Set<String> seen = new HashSet<>();
        while (current.has("$ref")) {
            String ref = current.get("$ref").asString();
            assertThat(ref).as("only local refs are expected").startsWith("#");
            assertThat(seen.add(ref)).as("$ref cycle at %s", ref).isTrue();
            refs.add(ref);
            current = root.at(ref.substring(1));
            assertThat(current.isMissingNode()).as("$ref %s resolves", ref).isFalse();
        }
        return current;
    }

    @Test
    void schemaFileIsTheOneOnTheClasspath() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/kgateway-sdk/schema/backend.json")) {
            assertThat(in).isNotNull();
            assertThat(BackendJson.jsonMapper().readTree(in)).isEqualTo(schema);
        }
    }

    /** The seed vendored in the repository, {@code schema/seed/backend.schema.json}; missing is a failure. */
    static Path vendoredSeed() {
        return Path.of(System.getProperty("kgateway.schema.dir", "../schema"), "seed", "backend.schema.json");
    }

    @Test
    void seedCopyInTestResourcesIsTheVendoredSeed() throws IOException {
        assertThat(vendoredSeed()).as("vendored seed schema").isRegularFile();

        assertThat(BackendJson.jsonMapper().readTree(vendoredSeed().toFile())).isEqualTo(seed);
    }

    @Test
    void walkCoversTheWholeSeed() {
        Map<String, JsonNode> paths = paths(seed);

        assertThat(paths).containsKeys("", "/properties/spec/properties/static/properties/hosts/items/properties/tls/properties/sni",
                "/properties/metadata/properties/labels/additionalProperties", "/$defs/AuthToken/properties/secretRef/properties/name",
                "/properties/spec/properties/ai/properties/provider/properties/azure/properties/authToken");
        assertThat(paths.size()).isEqualTo(40);
    }

    @Test
    void everySeedPathExistsWithTheSameTypeEnumAndConst() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : paths(seed).entrySet()) {
            String pointer = entry.getKey();
            JsonNode mine = schema.at(pointer);
            if (mine.isMissingNode()) {
                problems.add(pointer + ": missing");
                continue;
            }
            for (String keyword : COMPARED) {
                JsonNode expected = entry.getValue().get(keyword);
                if (expected != null && !agrees(keyword, expected, mine.get(keyword))) {
                    problems.add(pointer + ": " + keyword + " is " + mine.get(keyword) + ", seed has " + expected);
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    /**
     * {@code type} and {@code const} are equal; an {@code enum} starts with the seed's values in the
     * seed's order, and may go on with values kgateway releases added ({@code GCP}, ...).
     */
    static boolean agrees(String keyword, JsonNode seedValue, JsonNode mine) {
        if (!keyword.equals("enum")) {
            return seedValue.equals(mine);
        }
        if (mine == null || !mine.isArray() || mine.size() < seedValue.size()) {
            return false;
        }
        for (int i = 0; i < seedValue.size(); i++) {
            if (!seedValue.get(i).equals(mine.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void anEnumThatDropsOrReordersASeedValueDoesNotAgree() {
        JsonNode seedEnum = BackendJson.jsonMapper().readTree("[\"Static\",\"AWS\",\"AI\"]");

        assertThat(agrees("enum", seedEnum, BackendJson.jsonMapper().readTree("[\"Static\",\"AWS\",\"AI\",\"GCP\"]"))).isTrue();
        assertThat(agrees("enum", seedEnum, BackendJson.jsonMapper().readTree("[\"Static\",\"AI\"]"))).isFalse();
        assertThat(agrees("enum", seedEnum, BackendJson.jsonMapper().readTree("[\"AWS\",\"Static\",\"AI\"]"))).isFalse();
    }

    @Test
    void everySeedRefIsTheSameRefAndResolvesToTheSameShape() {
        List<String> problems = new ArrayList<>();
        int refs = 0;
        for (Map.Entry<String, JsonNode> entry : paths(seed).entrySet()) {
            if (!entry.getValue().has("$ref")) {
                continue;
            }
            refs++;
            String pointer = entry.getKey();
            List<String> seedChain = new ArrayList<>();
            List<String> myChain = new ArrayList<>();
            JsonNode seedTarget = resolve(seed, entry.getValue(), seedChain);
            JsonNode myTarget = resolve(schema, schema.at(pointer), myChain);
            if (!seedChain.equals(myChain)) {
                problems.add(pointer + ": $ref chain " + myChain + ", seed has " + seedChain);
                continue;
            }
            // The resolved definitions must agree too, path by path.
            Map<String, JsonNode> mine = paths(myTarget);
            for (Map.Entry<String, JsonNode> sub : paths(seedTarget).entrySet()) {
                JsonNode other = mine.get(sub.getKey());
                if (other == null) {
                    problems.add(pointer + " -> " + sub.getKey() + ": missing");
                    continue;
                }
                for (String keyword : COMPARED) {
                    JsonNode expected = sub.getValue().get(keyword);
                    if (expected != null && !agrees(keyword, expected, other.get(keyword))) {
                        problems.add(pointer + " -> " + sub.getKey() + ": " + keyword + " differs");
                    }
                }
            }
        }

        assertThat(refs).as("the seed uses $ref for AuthToken").isEqualTo(3);
        assertThat(problems).isEmpty();
    }

    @Test
    void everySeedRequiredMemberIsStillRequired() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : paths(seed).entrySet()) {
            JsonNode mine = schema.at(entry.getKey()).path("required");
            for (JsonNode name : entry.getValue().path("required")) {
                boolean kept = false;
                for (JsonNode candidate : mine) {
                    kept |= candidate.equals(name);
                }
                if (!kept) {
                    problems.add(entry.getKey() + ": " + name + " no longer required");
                }
            }
        }

        assertThat(problems).isEmpty();
    }
}

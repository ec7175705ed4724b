package dev.kgateway.sdk.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schema/backend.json} is a superset of the Backend CRD of every kgateway release line
 * vendored in {@code schema/upstream/}: every property path of each {@code openAPIV3Schema} (spec and
 * status) exists in our schema with a compatible type, and each of its enums is a subset of ours.
 * A missing CRD file is a failure, not a skip: the repository holds them.
 */
class UpstreamCrdSupersetTest {

    static JsonNode schema;

    @BeforeAll
    static void load() throws IOException {
        schema = BackendJson.jsonMapper().readTree(SeedSupersetTest.schemaFile().toFile());
    }

    static Path crdFile(String line) {
        return Path.of(System.getProperty("kgateway.schema.dir", "../schema"), "upstream", "backends-crd-" + line + ".yaml");
    }

    /** The {@code openAPIV3Schema} of the CRD's single version. */
    static JsonNode openApiSchema(String line) throws IOException {
        Path file = crdFile(line);
        assertThat(file).as("vendored CRD of %s", line).isRegularFile();
        try (MappingIterator<JsonNode> docs = BackendJson.yamlMapper().readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && "CustomResourceDefinition".equals(doc.path("kind").asString(""))) {
                    JsonNode versions = doc.at("/spec/versions");
                    assertThat(versions.size()).as("versions of %s", line).isEqualTo(1);
                    return versions.get(0).at("/schema/openAPIV3Schema");
                }
            }
        }
        throw new AssertionError("no CustomResourceDefinition in " + file);
    }

    /** Differences between one CRD schema node and ours, recursively; {@code path} names the CRD location. */
    static List<String> problems(JsonNode crd, JsonNode mine, String path) {
        List<String> out = new ArrayList<>();
        compare(crd, mine, path, out);
        return out;
    }

    private static void compare(JsonNode crd, JsonNode mineOrRef, String path, List<String> out) {
        if (mineOrRef == null || mineOrRef.isMissingNode()) {
            out.add(path + ": missing");
            return;
        }
        JsonNode mine = resolve(mineOrRef);
        String crdType = crd.path("type").asString("");
        String myType = mine.path("type").asString("");
        if (!crdType.isEmpty() && !crdType.equals(myType)) {
            out.add(path + ": type " + crdType + " in the CRD, " + (myType.isEmpty() ? "none" : myType) + " here");
        }
        if (crd.has("enum")) {
            Set<String> ours = new HashSet<>();
            mine.path("enum").forEach(v -> ours.add(v.asString()));
            for (JsonNode value : crd.get("enum")) {
                if (!ours.contains(value.asString())) {
                    out.add(path + ": enum value " + value + " missing");
                }
            }
        }
        if ("integer".equals(crdType) && "int64".equals(crd.path("format").asString()) && !"int64".equals(mine.path("format").asString())) {
            out.add(path + ": int64 in the CRD, not here");
        }
        for (Map.Entry<String, JsonNode> p : crd.path("properties").properties()) {
            compare(p.getValue(), mine.path("properties").path(p.getKey()), path + "." + p.getKey(), out);
        }
        if (crd.has("items")) {
            compare(crd.get("items"), mine.path("items"), path + "[]", out);
        }
        if (crd.path("additionalProperties").isObject()) {
            compare(crd.get("additionalProperties"), mine.path("additionalProperties"), path + "{}", out);
        }
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            assertThat(hops).as("$ref chain").isLessThan(16);
            current = schema.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }

    @ParameterizedTest(name = "kgateway {0}")
    @ValueSource(strings = {"v2.0", "v2.1", "v2.2", "v2.3", "v2.4", "main"})
    void everySpecPathOfTheReleaseIsTypedHere(String line) throws IOException {
        JsonNode spec = openApiSchema(line).at("/properties/spec");

        assertThat(spec.path("properties").size()).as("spec properties of %s", line).isGreaterThan(2);
        assertThat(problems(spec, schema.at("/properties/spec"), "spec")).isEmpty();
    }

    @ParameterizedTest(name = "kgateway {0}")
    @ValueSource(strings = {"v2.0", "v2.1", "v2.2", "v2.3", "v2.4", "main"})
    void everyStatusPathOfTheReleaseIsTypedHere(String line) throws IOException {
        JsonNode status = openApiSchema(line).at("/properties/status");

        assertThat(status.at("/properties/conditions/items/properties").size()).isEqualTo(6);
        assertThat(problems(status, schema.at("/properties/status"), "status")).isEmpty();
    }

    @ParameterizedTest(name = "kgateway {0}")
    @ValueSource(strings = {"v2.0", "v2.1", "v2.2", "v2.3", "v2.4", "main"})
    void theRootMembersOfTheReleaseExistHere(String line) throws IOException {
        JsonNode root = openApiSchema(line);

        for (Map.Entry<String, JsonNode> p : root.path("properties").properties()) {
            assertThat(schema.path("properties").has(p.getKey())).as("%s of %s", p.getKey(), line).isTrue();
        }
    }

    @Test
    void theComparisonFindsAMissingPathAWrongTypeAndAMissingEnumValue() {
        JsonNode crd = BackendJson.jsonMapper().readTree("""
                {"type":"object","properties":{
                  "type":{"type":"string","enum":["Static","Kafka"]},
                  "static":{"type":"object","properties":{"hosts":{"type":"array","items":{"type":"object","properties":{
                    "port":{"type":"string"},"weight":{"type":"integer"}}}}}}}}
                """);

        assertThat(problems(crd, schema.at("/properties/spec"), "spec")).containsExactly(
                "spec.type: enum value \"Kafka\" missing",
                "spec.static.hosts[].port: type string in the CRD, integer here",
                "spec.static.hosts[].weight: missing");
    }

    @Test
    void theComparisonFollowsRefsIntoSharedDefinitions() {
        JsonNode crd = BackendJson.jsonMapper().readTree("""
                {"type":"object","properties":{"ai":{"type":"object","properties":{"llm":{"type":"object","properties":{
                  "openai":{"type":"object","properties":{"model":{"type":"string"},"authToken":{"type":"object","properties":{
                    "kind":{"type":"string","enum":["Inline","SecretRef","Passthrough"]}}}}}}}}}}}
                """);

        assertThat(schema.at("/properties/spec/properties/ai/properties/llm").has("$ref")).isTrue();
        assertThat(problems(crd, schema.at("/properties/spec"), "spec")).isEmpty();
    }
}

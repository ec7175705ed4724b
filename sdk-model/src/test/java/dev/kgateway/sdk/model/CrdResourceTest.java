package dev.kgateway.sdk.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CustomResourceDefinition the build writes into the model jar, generated from the same schema. */
class CrdResourceTest {

    static final String RESOURCE = "META-INF/kgateway-sdk/crds/backends.gateway.kgateway.dev.yaml";

    static String text;
    static JsonNode crd;
    static JsonNode version;
    static JsonNode schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = CrdResourceTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> docs = BackendJson.yamlMapper().readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
        assertThat(docs).hasSize(1);
        crd = docs.get(0);
        version = crd.path("spec").path("versions").path(0);
        schema = version.path("schema").path("openAPIV3Schema");
    }

    @Test
    void isAnApiextensionsV1CustomResourceDefinition() {
        assertThat(crd.path("apiVersion").asString()).isEqualTo("apiextensions.k8s.io/v1");
        assertThat(crd.path("kind").asString()).isEqualTo("CustomResourceDefinition");
        assertThat(crd.path("metadata").path("name").asString()).isEqualTo("backends.gateway.kgateway.dev").isEqualTo(Backend.CRD_NAME);
    }

    @Test
    void hasTheGroupNamesAndScope() {
        JsonNode spec = crd.path("spec");
        assertThat(spec.path("group").asString()).isEqualTo("gateway.kgateway.dev");
        assertThat(spec.path("names").path("plural").asString()).isEqualTo("backends");
        assertThat(spec.path("names").path("singular").asString()).isEqualTo("backend");
        assertThat(spec.path("names").path("kind").asString()).isEqualTo("Backend");
        assertThat(spec.path("names").path("listKind").asString()).isEqualTo("BackendList");
        assertThat(spec.path("names").path("categories").path(0).asString()).isEqualTo("kgateway");
        assertThat(spec.path("scope").asString()).isEqualTo("Namespaced");
    }

    @Test
    void hasOneServedStorageVersionV1alpha1() {
        assertThat(crd.path("spec").path("versions").size()).isEqualTo(1);
        assertThat(version.path("name").asString()).isEqualTo("v1alpha1").isEqualTo(Backend.VERSION);
        assertThat(version.path("served").asBoolean()).isTrue();
        assertThat(version.path("storage").asBoolean()).isTrue();
    }

    @Test
    void hasTheStatusSubresource() {
        assertThat(version.path("subresources").path("status").isObject()).isTrue();
        assertThat(version.path("subresources").path("status").isEmpty()).isTrue();
    }

    @Test
    void hasPrinterColumnsTypeAndAge() {
        JsonNode columns = version.path("additionalPrinterColumns");

        assertThat(columns.size()).isEqualTo(2);
        assertThat(columns.path(0).path("name").asString()).isEqualTo("Type");
        assertThat(columns.path(0).path("jsonPath").asString()).isEqualTo(".spec.type");
        assertThat(columns.path(0).path("type").asString()).isEqualTo("string");
        assertThat(columns.path(1).path("name").asString()).isEqualTo("Age");
        assertThat(columns.path(1).path("jsonPath").asString()).isEqualTo(".metadata.creationTimestamp");
        assertThat(columns.path(1).path("type").asString()).isEqualTo("date");
    }

    @Test
    void openApiSchemaDescribesTheSpec() {
        JsonNode spec = schema.path("properties").path("spec");

        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("required").toString()).isEqualTo("[\"spec\"]");
        assertThat(spec.path("properties").propertyNames()).containsExactly("type", "static", "aws", "ai", "dynamicForwardProxy", "mcp",
                "gcp", "priorityGroups");
        assertThat(spec.path("properties").path("type").path("enum").toString())
                .isEqualTo("[\"Static\",\"AWS\",\"AI\",\"DynamicForwardProxy\",\"MCP\",\"GCP\",\"PriorityGroups\"]");
        JsonNode port = spec.at("/properties/static/properties/hosts/items/properties/port");
        assertThat(port.path("type").asString()).isEqualTo("integer");
        assertThat(port.path("minimum").asInt()).isEqualTo(1);
        assertThat(port.path("maximum").asInt()).isEqualTo(65535);
        assertThat(spec.at("/properties/aws/required").isMissingNode()).isTrue();
        assertThat(spec.at("/properties/aws/x-kubernetes-validations/0/rule").asString())
                .isEqualTo("[has(self.lambda),has(self.ec2),has(self.lambdaFunctionName)].filter(x,x==true).size() == 1");
        assertThat(schema.path("properties").path("metadata").path("type").asString()).isEqualTo("object");
        assertThat(schema.at("/properties/status/properties/conditions/x-kubernetes-list-type").asString()).isEqualTo("map");
    }

    @Test
    void refsAreInlined() {
        JsonNode name = schema.path("properties").path("spec")
                .at("/properties/ai/properties/provider/properties/gemini/properties/authToken/properties/secretRef/properties/name");

        assertThat(name.path("type").asString()).isEqualTo("string");
        assertThat(name.path("maxLength").asInt()).isEqualTo(253);
    }

    @Test
    void specHasCelRulesForTheBackendTypeUnion() {
        List<String> rules = rules(schema.path("properties").path("spec"));

        assertThat(rules).containsExactly(
                "[has(self.static),has(self.aws),has(self.ai),has(self.dynamicForwardProxy),has(self.mcp),has(self.gcp),has(self.priorityGroups)]"
                        + ".filter(x,x==true).size() == 1",
                "!has(self.type) || ((self.type == 'Static') == has(self.static))",
                "!has(self.type) || ((self.type == 'AWS') == has(self.aws))",
                "!has(self.type) || ((self.type == 'AI') == has(self.ai))",
                "!has(self.type) || ((self.type == 'DynamicForwardProxy') == has(self.dynamicForwardProxy))",
                "!has(self.type) || ((self.type == 'MCP') == has(self.mcp))",
                "!has(self.type) || ((self.type == 'GCP') == has(self.gcp))",
                "!has(self.type) || ((self.type == 'PriorityGroups') == has(self.priorityGroups))");
    }

    @Test
    void providerHasCelRulesForTheProviderUnion() {
        List<String> rules = rules(schema.at("/properties/spec/properties/ai/properties/provider"));

        assertThat(rules).containsExactly(
                "!has(self.type) || ((self.type == 'openai') == has(self.openai))",
                "!has(self.type) || ((self.type == 'azure') == has(self.azure))",
                "!has(self.type) || ((self.type == 'gemini') == has(self.gemini))");
    }

    @Test
    void everyCelRuleHasAMessage() {
        List<JsonNode> validations = new ArrayList<>();
        collect(schema, "x-kubernetes-validations", validations);

        assertThat(validations).hasSizeGreaterThan(2);
        for (JsonNode list : validations) {
            for (JsonNode rule : list) {
                assertThat(rule.path("message").asString()).isNotBlank()
                        .containsAnyOf("must be set if and only if", "must be set", "is required when", "is required always");
            }
        }
    }

    @Test
    void containsNoGeneratorKeywordsAnywhere() {
        List<String> keys = new ArrayList<>();
        keys(crd, keys);

        assertThat(keys).isNotEmpty()
                .noneMatch(k -> k.equals("javaType") || k.equals("javaName") || k.startsWith("x-kgateway-") || k.startsWith("$"));
        assertThat(text).doesNotContain("javaType", "javaName", "x-kgateway-", "$ref", "$defs", "$schema", "const:");
    }

    @Test
    void objectsKeepUnknownFieldsLikeTheSdk() {
        assertThat(schema.at("/properties/spec/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(schema.at("/properties/spec/properties/ai/properties/provider/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    }

    private static List<String> rules(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.path("x-kubernetes-validations").forEach(r -> out.add(r.path("rule").asString()));
        return out;
    }

    private static void collect(JsonNode node, String key, List<JsonNode> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals(key)) {
                    out.add(e.getValue());
                }
                collect(e.getValue(), key, out);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, key, out));
        }
    }

    private static void keys(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.add(e.getKey());
                keys(e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(child -> keys(child, out));
        }
    }
}

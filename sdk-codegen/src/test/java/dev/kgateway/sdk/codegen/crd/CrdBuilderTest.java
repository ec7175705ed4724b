package dev.kgateway.sdk.codegen.crd;

import dev.kgateway.sdk.codegen.GenerationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schema snippets in, CustomResourceDefinition trees out. */
class CrdBuilderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String WIDGET = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://example.com/widget.json",
              "type": "object",
              "javaType": "Widget",
              "description": "A widget.",
              "x-kgateway-crd": {
                "plural": "widgets", "singular": "widget", "listKind": "WidgetCollection", "scope": "Cluster",
                "categories": ["all-things"], "shortNames": ["wd"],
                "printerColumns": [ { "name": "Mode", "type": "string", "jsonPath": ".spec.mode" } ]
              },
              "properties": {
                "apiVersion": { "type": "string", "const": "things.example.com/v2beta1", "description": "API version." },
                "kind": { "type": "string", "const": "Widget" },
                "metadata": { "type": "object", "javaType": "ObjectMeta", "properties": { "name": { "type": "string", "maxLength": 253 } } },
                "spec": {
                  "type": "object",
                  "javaType": "WidgetSpec",
                  "x-kgateway-union": { "discriminator": "mode", "members": { "Fixed": "fixed", "Pinned": "fixed", "Free": null } },
                  "x-kubernetes-validations": [ { "rule": "self.size() > 0", "message": "not empty" } ],
                  "properties": {
                    "mode": { "type": "string", "javaType": "Mode", "enum": ["Fixed", "Pinned", "Free"] },
                    "fixed": {
                      "type": "object", "javaType": "FixedPart", "javaName": "fixedPart",
                      "properties": { "at": { "type": "integer", "minimum": 0 } },
                      "required": ["at"]
                    },
                    "version": { "type": "string", "const": "v2" },
                    "owner": { "$ref": "#/$defs/Owner" },
                    "tags": { "type": "object", "additionalProperties": { "type": "string", "maxLength": 63 } },
                    "closed": { "type": "object", "additionalProperties": false, "properties": { "a": { "type": "string" } } },
                    "items": { "type": "array", "x-kubernetes-list-type": "set", "items": { "type": "string" } }
                  },
                  "required": ["mode"]
                },
                "status": { "type": "object", "properties": { "ready": { "type": "boolean" } } }
              },
              "required": ["apiVersion", "kind", "metadata", "spec"],
              "$defs": {
                "Owner": {
                  "type": "object", "javaType": "Owner", "description": "Who owns it.",
                  "properties": { "name": { "type": "string", "minLength": 1 }, "team": { "$ref": "#/$defs/Team" } }
                },
                "Team": { "type": "string", "pattern": "^[a-z]+$" }
              }
            }
            """;

    private static JsonNode schema(String json) {
        return JSON.readTree(json);
    }

    private static ObjectNode build(String json) {
        return new CrdBuilder().build(schema(json));
    }

    private static JsonNode openApi(JsonNode crd) {
        return crd.at("/spec/versions/0/schema/openAPIV3Schema");
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        collectKeys(node, out);
        return out;
    }

    private static void collectKeys(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.add(e.getKey());
                collectKeys(e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectKeys(child, out));
        }
    }

    @Test
    void crdHeaderComesFromTheApiVersionAndKindConsts() {
        ObjectNode crd = build(WIDGET);

        assertThat(crd.path("apiVersion").asString()).isEqualTo("apiextensions.k8s.io/v1");
        assertThat(crd.path("kind").asString()).isEqualTo("CustomResourceDefinition");
        assertThat(crd.at("/metadata/name").asString()).isEqualTo("widgets.things.example.com");
        assertThat(crd.at("/spec/group").asString()).isEqualTo("things.example.com");
        assertThat(crd.at("/spec/versions/0/name").asString()).isEqualTo("v2beta1");
        assertThat(crd.at("/spec/versions/0/served").asBoolean()).isTrue();
        assertThat(crd.at("/spec/versions/0/storage").asBoolean()).isTrue();
    }

    @Test
    void namesScopeAndPrinterColumnsComeFromXKgatewayCrd() {
        ObjectNode crd = build(WIDGET);

        assertThat(crd.at("/spec/names").toString()).isEqualTo("{\"kind\":\"Widget\",\"listKind\":\"WidgetCollection\",\"plural\":\"widgets\","
                + "\"singular\":\"widget\",\"categories\":[\"all-things\"],\"shortNames\":[\"wd\"]}");
        assertThat(crd.at("/spec/scope").asString()).isEqualTo("Cluster");
        assertThat(crd.at("/spec/versions/0/additionalPrinterColumns").toString())
                .isEqualTo("[{\"name\":\"Mode\",\"type\":\"string\",\"jsonPath\":\".spec.mode\"}]");
    }

    @Test
    void namesAndScopeDefaultWithoutXKgatewayCrd() {
        ObjectNode crd = build("""
                { "type": "object", "properties": {
                    "apiVersion": { "type": "string", "const": "example.com/v1" },
                    "kind": { "type": "string", "const": "Gadget" },
                    "spec": { "type": "object", "properties": { "a": { "type": "string" } } } } }
                """);

        assertThat(crd.at("/spec/names").toString())
                .isEqualTo("{\"kind\":\"Gadget\",\"listKind\":\"GadgetList\",\"plural\":\"gadgets\",\"singular\":\"gadget\"}");
        assertThat(crd.at("/spec/scope").asString()).isEqualTo("Namespaced");
        assertThat(crd.at("/spec/versions/0").has("additionalPrinterColumns")).isFalse();
        assertThat(crd.at("/spec/versions/0").has("subresources")).isFalse();
    }

    @Test
    void statusPropertyEnablesTheStatusSubresource() {
        ObjectNode crd = build(WIDGET);

        assertThat(crd.at("/spec/versions/0/subresources").toString()).isEqualTo("{\"status\":{}}");
        assertThat(openApi(crd).at("/properties/status/properties/ready/type").asString()).isEqualTo("boolean");
    }

    @Test
    void constBecomesAOneValueEnum() {
        JsonNode version = openApi(build(WIDGET)).at("/properties/spec/properties/version");

        assertThat(version.toString()).isEqualTo("{\"type\":\"string\",\"enum\":[\"v2\"]}");
    }

    @Test
    void rootApiVersionAndKindAreServerFieldsWithoutEnum() {
        JsonNode props = openApi(build(WIDGET)).path("properties");

        assertThat(props.path("apiVersion").toString()).isEqualTo("{\"type\":\"string\",\"description\":\"API version.\"}");
        assertThat(props.path("kind").path("type").asString()).isEqualTo("string");
        assertThat(props.path("kind").has("enum")).isFalse();
    }

    @Test
    void metadataIsLeftToTheApiServer() {
        assertThat(openApi(build(WIDGET)).at("/properties/metadata").toString()).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void rootRequiresOnlySpec() {
        assertThat(openApi(build(WIDGET)).path("required").toString()).isEqualTo("[\"spec\"]");
    }

    @Test
    void refsAreInlinedAlsoWhenChained() {
        JsonNode owner = openApi(build(WIDGET)).at("/properties/spec/properties/owner");

        assertThat(owner.path("description").asString()).isEqualTo("Who owns it.");
        assertThat(owner.at("/properties/name/minLength").asInt()).isEqualTo(1);
        assertThat(owner.at("/properties/team").toString()).isEqualTo("{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}");
    }

    @Test
    void noRefsDefsOrSchemaKeywordsRemain() {
        List<String> keys = keys(build(WIDGET));

        assertThat(keys).noneMatch(k -> k.startsWith("$"));
    }

    @Test
    void generatorKeywordsAreDropped() {
        List<String> keys = keys(build(WIDGET));

        assertThat(keys).doesNotContain("javaType", "javaName", "const").noneMatch(k -> k.startsWith("x-kgateway-"));
    }

    @Test
    void kubernetesExtensionsAreKeptAndUnionRulesAppended() {
        JsonNode spec = openApi(build(WIDGET)).at("/properties/spec");

        assertThat(spec.at("/properties/items/x-kubernetes-list-type").asString()).isEqualTo("set");
        JsonNode validations = spec.path("x-kubernetes-validations");
        assertThat(validations.size()).isEqualTo(2);
        assertThat(validations.get(0).toString()).isEqualTo("{\"rule\":\"self.size() > 0\",\"message\":\"not empty\"}");
    }

    @Test
    void unionBecomesACelRulePerMemberBlock() {
        JsonNode rule = openApi(build(WIDGET)).at("/properties/spec/x-kubernetes-validations/1");

        assertThat(rule.path("rule").asString())
                .isEqualTo("!has(self.mode) || ((self.mode == 'Fixed' || self.mode == 'Pinned') == has(self.fixed))");
        assertThat(rule.path("message").asString()).isEqualTo("fixed must be set if and only if mode is Fixed or Pinned");
    }

    @Test
    void unionRulesUseTheJsonNameNotTheJavaName() {
        String text = openApi(build(WIDGET)).toString();

        assertThat(text).contains("has(self.fixed)").doesNotContain("fixedPart");
    }

    @Test
    void celRulesEscapeMemberNamesTheWayKubernetesRequires() {
        JsonNode union = JSON.readTree("""
                { "discriminator": "type",
                  "members": { "Azure": "azure-openai", "Ns": "namespace", "Dotted": "a.b", "Under": "x__y", "Slash": "p/q" } }
                """);

        List<String> rules = CrdBuilder.unionRules(union, "#/x").stream().map(r -> r.path("rule").asString()).toList();

        assertThat(rules).containsExactly(
                "!has(self.type) || ((self.type == 'Azure') == has(self.azure__dash__openai))",
                "!has(self.type) || ((self.type == 'Ns') == has(self.__namespace__))",
                "!has(self.type) || ((self.type == 'Dotted') == has(self.a__dot__b))",
                "!has(self.type) || ((self.type == 'Under') == has(self.x__underscores__y))",
                "!has(self.type) || ((self.type == 'Slash') == has(self.p__slash__q))");
    }

    @Test
    void celRulesEscapeAReservedDiscriminatorName() {
        JsonNode union = JSON.readTree("{ \"discriminator\": \"for\", \"members\": { \"A\": \"a\" } }");

        assertThat(CrdBuilder.unionRules(union, "#/x").get(0).path("rule").asString())
                .isEqualTo("!has(self.__for__) || ((self.__for__ == 'A') == has(self.a))");
    }

    @Test
    void celStringLiteralsEscapeQuotesAndBackslashes() {
        JsonNode union = JSON.readTree("{ \"discriminator\": \"type\", \"members\": { \"it's\": \"a\", \"back\\\\slash\": \"b\" } }");

        List<String> rules = CrdBuilder.unionRules(union, "#/x").stream().map(r -> r.path("rule").asString()).toList();

        assertThat(rules).containsExactly(
                "!has(self.type) || ((self.type == 'it\\'s') == has(self.a))",
                "!has(self.type) || ((self.type == 'back\\\\slash') == has(self.b))");
    }

    @Test
    void memberNameThatCelCannotAccessIsRejected() {
        JsonNode union = JSON.readTree("{ \"discriminator\": \"type\", \"members\": { \"A\": \"9lives\" } }");

        assertThatThrownBy(() -> CrdBuilder.unionRules(union, "#/properties/spec"))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'9lives'")
                .hasMessageContaining("#/properties/spec");
    }

    @Test
    void unionWithoutDiscriminatorIsRejected() {
        String schema = WIDGET.replace("\"discriminator\": \"mode\", ", "");

        assertThatThrownBy(() -> build(schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("x-kgateway-union at #/properties/spec");
    }

    @Test
    void keywordsAreCopiedAndObjectsPreserveUnknownFields() {
        JsonNode spec = openApi(build(WIDGET)).at("/properties/spec");

        assertThat(spec.path("required").toString()).isEqualTo("[\"mode\"]");
        assertThat(spec.at("/properties/fixed").toString()).isEqualTo("{\"type\":\"object\",\"properties\":{\"at\":{\"type\":\"integer\","
                + "\"minimum\":0}},\"required\":[\"at\"],\"x-kubernetes-preserve-unknown-fields\":true}");
        assertThat(spec.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    }

    @Test
    void mapsKeepTheirValueSchemaAndDoNotPreserveUnknownFields() {
        JsonNode tags = openApi(build(WIDGET)).at("/properties/spec/properties/tags");

        assertThat(tags.toString()).isEqualTo("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\",\"maxLength\":63}}");
    }

    @Test
    void missingApiVersionConstIsRejected() {
        String schema = WIDGET.replace("\"const\": \"things.example.com/v2beta1\", ", "");

        assertThatThrownBy(() -> build(schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("\"const\"")
                .hasMessageContaining("apiVersion");
    }

    @Test
    void apiVersionWithoutAGroupIsRejected() {
        String schema = WIDGET.replace("things.example.com/v2beta1", "v1");

        assertThatThrownBy(() -> build(schema)).isInstanceOf(GenerationException.class);
    }

    @Test
    void missingKindConstIsRejected() {
        String schema = WIDGET.replace("\"kind\": { \"type\": \"string\", \"const\": \"Widget\" }", "\"kind\": { \"type\": \"string\" }");

        assertThatThrownBy(() -> build(schema)).isInstanceOf(GenerationException.class).hasMessageContaining("kind");
    }

    @Test
    void unresolvableRefIsRejectedNamingThePath() {
        String schema = WIDGET.replace("\"$ref\": \"#/$defs/Owner\"", "\"$ref\": \"#/$defs/Nobody\"");

        assertThatThrownBy(() -> build(schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("#/$defs/Nobody")
                .hasMessageContaining("#/properties/spec/properties/owner");
    }

    @Test
    void remoteRefIsRejected() {
        String schema = WIDGET.replace("\"$ref\": \"#/$defs/Owner\"", "\"$ref\": \"https://example.com/owner.json\"");

        assertThatThrownBy(() -> build(schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("only local $refs");
    }

    @Test
    void refCycleIsRejected() {
        String schema = WIDGET.replace("\"Team\": { \"type\": \"string\", \"pattern\": \"^[a-z]+$\" }", "\"Team\": { \"$ref\": \"#/$defs/Team\" }");

        assertThatThrownBy(() -> build(schema)).isInstanceOf(GenerationException.class).hasMessageContaining("#/$defs/Team");
    }

    @Test
    void generatorWritesTheYamlWithAHeader(@TempDir Path tmp) throws IOException {
        Path schema = tmp.resolve("widget.json");
        Path output = tmp.resolve("out/crds/widgets.yaml");
        Files.writeString(schema, WIDGET);

        CrdGenerator.main(new String[] {schema.toString(), output.toString()});

        String yaml = Files.readString(output);
        assertThat(yaml).startsWith("# Generated from widget.json by kgateway-sdk-codegen. Do not edit.\napiVersion: apiextensions.k8s.io/v1\n");
        assertThat(YAMLMapper.builder().build().readTree(yaml)).isEqualTo(build(WIDGET));
    }

    @Test
    void generatorNeedsTwoArguments() {
        assertThatThrownBy(() -> CrdGenerator.main(new String[] {"only-one"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage");
    }

    @Test
    void realSchemaBuildsACrdWithBothUnions() throws IOException {
        Path real = Path.of(System.getProperty("kgateway.schema.dir", "../schema"), "backend.json");

        ObjectNode crd = new CrdBuilder().build(JSON.readTree(real.toFile()));

        assertThat(crd.at("/metadata/name").asString()).isEqualTo("backends.gateway.kgateway.dev");
        assertThat(openApi(crd).at("/properties/spec/x-kubernetes-validations").size()).isEqualTo(8);
        assertThat(openApi(crd).at("/properties/spec/properties/ai/properties/provider/x-kubernetes-validations").size()).isEqualTo(3);
        assertThat(keys(crd)).doesNotContain("javaType", "javaName", "$ref").noneMatch(k -> k.startsWith("x-kgateway-"));
    }

    @Test
    void unionCountBecomesKgatewayStyleCelAndBlocksWithoutValuesMustBeAbsentWhenTheDiscriminatorIsSet() {
        JsonNode union = JSON.readTree("{\"discriminator\":\"type\",\"members\":{\"A\":\"a\"},\"blocks\":[\"a\",\"z\"],\"count\":\"atMostOne\"}");

        assertThat(CrdBuilder.unionRules(union, "#/p")).extracting(r -> r.get("rule").asString()).containsExactly(
                "[has(self.a),has(self.z)].filter(x,x==true).size() <= 1",
                "!has(self.type) || ((self.type == 'A') == has(self.a))",
                "!has(self.type) || !has(self.z)");
    }

    @Test
    void requirementsBecomeCelWithDottedPresence() {
        JsonNode requires = JSON.readTree("[{\"when\":\"lambda\",\"anyOf\":[\"accountId\",\"lambda.accountId\"]},"
                + "{\"unless\":\"kind\",\"anyOf\":[\"secretRef\"]},{\"anyOf\":[\"prefix\",\"headerName\"]}]");

        assertThat(CrdBuilder.requirementRules(requires, "#/p")).extracting(r -> r.get("rule").asString()).containsExactly(
                "!has(self.lambda) || has(self.accountId) || (has(self.lambda) && has(self.lambda.accountId))",
                "has(self.kind) || has(self.secretRef)",
                "has(self.prefix) || has(self.headerName)");
        assertThat(CrdBuilder.requirementRules(requires, "#/p").get(0).get("message").asString())
                .isEqualTo("one of accountId, lambda.accountId is required when lambda is set");
    }
}

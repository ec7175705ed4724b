package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.kgateway.sdk.codegen.GeneratorHarness.generate;
import static dev.kgateway.sdk.codegen.GeneratorHarness.source;
import static dev.kgateway.sdk.codegen.GeneratorHarness.squash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small schemas through jsonschema2pojo with {@link ImmutablesRuleFactory}; assertions on the generated source. */
class ImmutablesRuleFactoryTest {

    static final String THING = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "javaType": "Thing",
              "description": "A thing.",
              "properties": {
                "apiVersion": { "type": "string", "const": "example.com/v1" },
                "kind": { "type": "string", "const": "Thing" },
                "name": { "type": "string", "description": "The name.", "minLength": 1, "maxLength": 10, "pattern": "^[a-z]+$" },
                "count": { "type": "integer", "minimum": 1, "maximum": 9 },
                "ratio": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1.5 },
                "static": {
                  "type": "object", "javaType": "StaticPart", "javaName": "staticPart",
                  "properties": { "host": { "type": "string" } },
                  "required": ["host"]
                },
                "tags": { "type": "array", "maxItems": 3, "items": { "type": "string", "minLength": 1 } },
                "children": {
                  "type": "array", "minItems": 1,
                  "items": { "type": "object", "javaType": "Child", "properties": { "id": { "type": "string" } } }
                },
                "labels": { "type": "object", "additionalProperties": { "type": "string", "maxLength": 5, "pattern": "^[a-z]*$" } },
                "extra": { "type": "object" },
                "color": { "type": "string", "javaType": "Color", "enum": ["DarkRed", "light-blue", "2x"] },
                "when": { "type": "string", "format": "date-time" },
                "generation": { "type": "integer", "format": "int64" },
                "first": { "$ref": "#/$defs/Shared" },
                "second": { "$ref": "#/$defs/Shared" },
                "notes": { "type": "object", "additionalProperties": { "type": "string", "maxLength": 100 } }
              },
              "required": ["name", "children"],
              "$defs": {
                "Shared": { "type": "object", "javaType": "Shared", "properties": { "x": { "type": "string" } } }
              }
            }
            """;

    private static final String PET = """
            {
              "type": "object",
              "javaType": "Pet",
              "properties": {
                "spec": {
                  "type": "object",
                  "javaType": "PetSpec",
                  "x-kgateway-union": { "discriminator": "species", "members": { "Cat": "cat", "Dog": "dog", "Fish": null } },
                  "properties": {
                    "species": { "type": "string", "javaType": "Species", "enum": ["Cat", "Dog", "Fish"] },
                    "cat": { "type": "object", "javaType": "Cat", "properties": { "lives": { "type": "integer" } } },
                    "dog": { "type": "object", "javaType": "Dog", "properties": { "breed": { "type": "string" } } }
                  }
                }
              }
            }
            """;

    @TempDir
    static Path dir;

    static Map<String, String> thing;
    static Map<String, String> pet;

    @BeforeAll
    static void generateOnce() {
        thing = generate(dir, "thing.json", THING);
        pet = generate(dir, "pet.json", PET);
    }

    private static Map<String, String> generateIn(Path tempDir, String json) {
        return generate(tempDir, "snippet.json", json);
    }

    // ---- classes --------------------------------------------------------------------------

    @Test
    void generatesOneFilePerObjectAndEnumPlusPackageInfoAndADeserializerAndSerializerPerObject() {
        assertThat(thing.keySet()).containsExactlyInAnyOrder(
                "com/example/Thing.java", "com/example/StaticPart.java", "com/example/Child.java", "com/example/Color.java",
                "com/example/Shared.java", "com/example/package-info.java",
                "com/example/ThingDeserializer.java", "com/example/StaticPartDeserializer.java", "com/example/ChildDeserializer.java",
                "com/example/SharedDeserializer.java",
                "com/example/ThingSerializer.java", "com/example/StaticPartSerializer.java", "com/example/ChildSerializer.java",
                "com/example/SharedSerializer.java");
    }

    @Test
    void serializerWritesDeclaredMembersInSchemaOrderAndAlphabeticallyWhenTheMapperSorts() {
        String src = squash(source(thing, "ThingSerializer"));

        assertThat(src).contains("final class ThingSerializer extends ValueSerializer<Thing>")
                .contains("g.writeStartObject(value); if (EncodeSupport.alphabetical(ctxt)) { writeAlphabetical(value, g, ctxt); }"
                        + " else { writeDeclared(value, g, ctxt); } EncodeSupport.unknownMembers(value.getAdditionalProperties(), g, ctxt);"
                        + " g.writeEndObject();");
        String declared = src.substring(src.indexOf("void writeDeclared("), src.indexOf("void writeAlphabetical("));
        String alphabetical = src.substring(src.indexOf("void writeAlphabetical("));
        List<String> names = List.of("apiVersion", "kind", "name", "count", "ratio", "static", "tags", "children", "labels", "extra",
                "color", "when", "generation", "first", "second", "notes");
        assertThat(src).contains("NAME_2 = EncodeSupport.name(\"name\")").contains("NAME_5 = EncodeSupport.name(\"static\")");
        assertThat(memberOrder(declared)).containsExactlyElementsOf(names);
        assertThat(memberOrder(alphabetical)).containsExactlyElementsOf(names.stream().sorted().toList());
    }

    /** The JSON names a generated members method writes, in order, from its {@code NAME_i} references. */
    private static List<String> memberOrder(String method) {
        List<String> names = List.of("apiVersion", "kind", "name", "count", "ratio", "static", "tags", "children", "labels", "extra",
                "color", "when", "generation", "first", "second", "notes");
        List<String> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("g\\.writeName\\(NAME_(\\d+)\\)").matcher(method);
        while (m.find()) {
            out.add(names.get(Integer.parseInt(m.group(1))));
        }
        return out;
    }

    @Test
    void serializerWritesEveryValueKindInlineOrThroughEncodeSupport() {
        String src = squash(source(thing, "ThingSerializer"));

        assertThat(src).contains("if (v2 != null) { g.writeName(NAME_2); g.writeString(v2); }")
                .contains("g.writeNumber(v3.intValue())")
                .contains("g.writeNumber(v4.doubleValue())")
                .contains("g.writeNumber(v12.longValue())")
                .contains("g.writeString(v10.value())")
                .contains("StaticPartSerializer.INSTANCE.serialize(v5, g, ctxt)")
                .contains("if (!v6.isEmpty()) { g.writeName(NAME_6); boolean v6Wrapped = EncodeSupport.startArray(v6, g, ctxt);")
                .contains("for (String e : v6) { g.writeString(e); } if (v6Wrapped) { g.writeEndArray(); }")
                .contains("for (Child e : v7) { ChildSerializer.INSTANCE.serialize(e, g, ctxt); }")
                .contains("if (!v8.isEmpty()) { g.writeName(NAME_8); EncodeSupport.stringMap(v8, g, ctxt); }")
                .contains("if (!v9.isEmpty()) { g.writeName(NAME_9); EncodeSupport.map(v9, g, ctxt); }");
        assertThat(src).contains("public void serializeWithType(Thing value, JsonGenerator g,"
                + " SerializationContext ctxt, TypeSerializer typeSerializer) { serialize(value, g, ctxt); }");
    }

    @Test
    void objectCarriesTheGuardThatMakesPlainJackson2FailInsteadOfCorrupting() {
        String src = source(thing, "Thing");

        assertThat(squash(src)).contains("@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM) @JsonTypeIdResolver(Jackson2Refusal.class)"
                + " @JsonTypeResolver(NoTypeIds.class) public abstract class Thing");
        assertThat(src).contains("import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;")
                .contains("import com.example.internal.Jackson2Refusal;").contains("import com.fasterxml.jackson.annotation.JsonTypeInfo;")
                .contains("import tools.jackson.databind.annotation.JsonTypeResolver;")
                .contains("import com.example.internal.NoTypeIds;");
        assertThat(squash(source(thing, "Child"))).contains("@JsonTypeResolver(NoTypeIds.class) public abstract class Child");
    }

    @Test
    void objectBecomesAnAbstractImmutablesValueTypeWithJacksonBinding() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("@Immutable @JsonSerialize(using = ThingSerializer.class) @JsonDeserialize(using = ThingDeserializer.class)")
                .contains("public abstract class Thing {")
                .contains("import Value.Immutable;")
                .contains("@JsonInclude(JsonInclude.Include.NON_NULL)");
        assertThat(src).contains(" Thing() { }");
        assertThat(source(thing, "Thing")).contains("tools.jackson.databind.annotation.JsonSerialize")
                .contains("tools.jackson.databind.annotation.JsonDeserialize")
                .contains("org.immutables.value.Value.Immutable");
    }

    @Test
    void propertiesBecomeNullableAccessorsWithJsonProperty() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("@JsonProperty(\"name\") @Nullable public abstract String getName();")
                .contains("@JsonProperty(\"count\") @Nullable public abstract Integer getCount();")
                .contains("public abstract Double getRatio();");
    }

    @Test
    void formatsMapToTheConfiguredJavaTypes() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("public abstract String getWhen();").contains("public abstract Long getGeneration();");
    }

    @Test
    void collectionsAreNonNullAndOmittedWhenEmpty() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("@JsonProperty(\"tags\") "
                + "@JsonInclude(JsonInclude.Include.NON_EMPTY) "
                + "@JsonSetter(nulls = Nulls.SKIP) "
                + "public abstract List<String> getTags();");
        assertThat(src).contains("public abstract List<Child> getChildren();");
    }

    @Test
    void javaNameRenamesTheJavaPropertyButNotTheJsonMember() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("@JsonProperty(\"static\") @Nullable "
                        + "public abstract StaticPart getStaticPart();")
                .contains("public Thing withStaticPart(")
                .contains("public Thing.Builder staticPart(Consumer<StaticPart.Builder> configure)")
                .doesNotContain("getStatic()");
    }

    @Test
    void unknownMembersAreKeptInAnAnyGetterMap() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("@JsonAnyGetter public abstract Map<String, JsonNode> getAdditionalProperties();");
        assertThat(source(thing, "Thing")).contains("tools.jackson.databind.JsonNode").doesNotContain("com.fasterxml.jackson.databind.JsonNode");
    }

    @Test
    void objectWithOnlyAdditionalPropertiesBecomesAMapOfTheValueType() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("public abstract Map<String, String> getLabels();");
        assertThat(thing).doesNotContainKey("com/example/Labels.java");
    }

    @Test
    void objectWithoutPropertiesBecomesAMapOfJsonNodes() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("public abstract Map<String, JsonNode> getExtra();");
        assertThat(thing).doesNotContainKey("com/example/Extra.java");
    }

    @Test
    void sharedDefinitionIsGeneratedOnceAndUsedByEveryRef() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("public abstract Shared getFirst();").contains("public abstract Shared getSecond();");
        assertThat(source(thing, "Shared")).contains("public abstract class Shared");
    }

    // ---- builders and copies --------------------------------------------------------------

    @Test
    void nestedBuilderIsAnAbstractClassThatTheImmutablesBuilderImplements() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("public static abstract class Builder {")
                .doesNotContain("extends ImmutableThing.Builder")
                .contains("public static Thing.Builder builder() {")
                .contains("public Thing.Builder toBuilder() { return ImmutableThing.builder().from(this); }");
    }

    @Test
    void builderHasConsumerOverloadsForNestedObjectsAndListElements() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("public Thing.Builder staticPart(Consumer<StaticPart.Builder> configure) { "
                        + "StaticPart.Builder nested = StaticPart.builder(); configure.accept(nested); "
                        + "return staticPart(nested.build()); }")
                .contains("public Thing.Builder addChildren(Consumer<Child.Builder> configure)")
                .contains("return addChildren(nested.build());");
    }

    @Test
    void builderHasNoConsumerOverloadForScalarsEnumsOrMaps() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).doesNotContain("name(Consumer").doesNotContain("color(Consumer").doesNotContain("labels(Consumer")
                .doesNotContain("addTags(Consumer");
        assertThat(src).contains("public Thing.Builder first(Consumer<Shared.Builder> configure)");
    }

    @Test
    void rootBuilderPresetsTheConstMembers() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("Thing.Builder builder = ImmutableThing.builder(); builder.apiVersion(\"example.com/v1\"); builder.kind(\"Thing\"); return builder;");
        assertThat(squash(source(thing, "Child"))).contains("public static Child.Builder builder() { return ImmutableChild.builder(); }");
    }

    @Test
    void withersCopyThroughTheImmutableImplementation() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("public Thing withName( @Nullable String value) { return ImmutableThing.copyOf(this).withName(value); }")
                .contains("public Thing withTags(Iterable<String> elements)")
                .contains("public Thing withChildren(Iterable<? extends Child> elements)")
                .contains("public Thing withLabels(Map<String, ? extends String> entries)");
    }

    @Test
    void toStringPrintsOnlyTheNamesOfUnknownMembersAndFreeFormMaps() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("return new ModelToString(\"Thing\") .add(\"apiVersion\", getApiVersion())")
                .contains(".names(\"extra\", getExtra())")
                .contains(".names(\"notes\", getNotes())")
                .contains(".names(\"unknownMembers\", getAdditionalProperties())");
    }

    @Test
    void toStringPrintsMapsWhoseValuesTheSchemaConstrains() {
        assertThat(squash(source(thing, "Thing"))).contains(".add(\"labels\", getLabels())");
    }

    // ---- open enums -----------------------------------------------------------------------

    @Test
    void enumBecomesAnOpenEnumClassWithOneConstantPerValue() {
        String src = squash(source(thing, "Color"));

        assertThat(src).contains("public final class Color implements OpenEnum")
                .contains("public final static Color DARK_RED = new Color(\"DarkRed\", Color.Known.DARK_RED);")
                .contains("public final static Color LIGHT_BLUE = new Color(\"light-blue\", Color.Known.LIGHT_BLUE);")
                .contains("public final static Color V_2X = new Color(\"2x\", Color.Known.V_2X);")
                .contains("private final static List<Color> KNOWN = List.of(DARK_RED, LIGHT_BLUE, V_2X);")
                .contains("@JsonCreator(mode = JsonCreator.Mode.DELEGATING) public static Color of(String value)")
                .contains("return new Color(value, Color.Known.UNRECOGNIZED);")
                .contains("@Override @JsonValue public String value()")
                .contains("public static List<Color> knownValues()");
        assertThat(squash(source(thing, "Thing"))).contains("public abstract Color getColor();");
    }

    @Test
    void nonStringEnumIsRejected(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root", "properties": { "level": { "type": "integer", "enum": [1, 2] } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("non-string value 1");
    }

    @Test
    void enumValuesThatMapToTheSameConstantAreRejected(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root",
                  "properties": { "mode": { "type": "string", "javaType": "Mode", "enum": ["fast", "a-b", "a_b"] } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'a-b'")
                .hasMessageContaining("'a_b'")
                .hasMessageContaining("A_B")
                .hasMessageContaining("snippet.json#/properties/mode");
    }

    @Test
    void enumValueWhoseConstantIsReservedIsRejected(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root",
                  "properties": { "state": { "type": "string", "javaType": "State", "enum": ["unknown", "known"] } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'known'")
                .hasMessageContaining("KNOWN is reserved");
    }

    // ---- validation -----------------------------------------------------------------------

    @Test
    void requiredMembersAreCheckedForPresence() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("var v4 = getName(); String p5 = SchemaChecks.child(path, \"name\"); if (v4 == null) { SchemaChecks.missing(out, p5); } else {");
        assertThat(squash(source(thing, "StaticPart"))).contains("SchemaChecks.missing(out, p1);");
    }

    @Test
    void stringKeywordsBecomeChecks() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("SchemaChecks.minLength(out, p5, v4, 1);")
                .contains("SchemaChecks.maxLength(out, p5, v4, 10);")
                .contains("SchemaChecks.pattern(out, p5, v4, PATTERN_0, \"^[a-z]+$\");")
                .contains("private final static Pattern PATTERN_0 = Pattern.compile(\"^[a-z]+\\\\z\");")
                .contains("SchemaChecks.dateTime(out, p");
    }

    @Test
    void numberKeywordsBecomeChecks() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("SchemaChecks.minimum(out, p7, v6, 1d);")
                .contains("SchemaChecks.maximum(out, p7, v6, 9d);")
                .contains("SchemaChecks.exclusiveMinimum(out, p9, v8, 0d);")
                .contains("SchemaChecks.exclusiveMaximum(out, p9, v8, 1.5d);");
    }

    @Test
    void arrayKeywordsAndItemChecksBecomeChecks() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).containsPattern("SchemaChecks\\.maxItems\\(out, p\\d+, v\\d+, 3\\);")
                .containsPattern("SchemaChecks\\.minItems\\(out, p\\d+, v\\d+, 1\\);")
                .containsPattern("String itemPath\\d+ = SchemaChecks\\.index\\(p\\d+, i\\d+\\); SchemaChecks\\.minLength\\(out, itemPath\\d+, item\\d+, 1\\);")
                .containsPattern("item\\d+\\.collectViolations\\(itemPath\\d+, out\\);");
    }

    @Test
    void requiredListWithMinItemsReportsOnlyMinItems() {
        String src = squash(source(thing, "Thing"));
        Matcher children = Pattern.compile("var (v\\d+) = getChildren\\(\\);(.*?)\\}\\s*\\{").matcher(src);

        assertThat(children.find()).isTrue();
        assertThat(children.group(2)).contains("SchemaChecks.minItems(").doesNotContain("SchemaChecks.missing(");
    }

    @Test
    void requiredListWithoutMinItemsReportsRequiredWhenEmpty(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root",
                  "properties": { "items": { "type": "array", "items": { "type": "string" } } },
                  "required": ["items"] }
                """;

        String src = squash(source(generateIn(tmp, schema), "Root"));

        assertThat(src).contains("if (v0.isEmpty()) { SchemaChecks.missing(out, p1); }");
    }

    @Test
    void mapValueKeywordsAreCheckedPerEntry() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).containsPattern("String entryPath\\d+ = SchemaChecks\\.key\\(p\\d+, entry\\d+\\.getKey\\(\\)\\); "
                + "SchemaChecks\\.maxLength\\(out, entryPath\\d+, entryValue\\d+, 5\\); SchemaChecks\\.pattern\\(out, entryPath\\d+, entryValue\\d+, PATTERN_1, \"\\^\\[a-z\\]\\*\\$\"\\);");
    }

    @Test
    void nestedObjectsAndEnumsAreCheckedByDelegation() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).containsPattern("v\\d+\\.collectViolations\\(p\\d+, out\\);")
                .containsPattern("SchemaChecks\\.knownEnum\\(out, p\\d+, v\\d+, Color\\.knownValues\\(\\)\\);");
    }

    @Test
    void constBecomesAConstantCheck() {
        String src = squash(source(thing, "Thing"));

        assertThat(src).contains("SchemaChecks.constant(out, p1, v0, \"example.com/v1\");")
                .contains("SchemaChecks.constant(out, p3, v2, \"Thing\");");
    }

    @Test
    void onlyTheRootGetsValidateAndKubernetesConstants() {
        String root = squash(source(thing, "Thing"));
        String child = squash(source(thing, "Child"));

        assertThat(root).contains("public List<Violation> validate()")
                .contains("public Thing validateOrThrow()")
                .contains("throw new InvalidThingException(violations);")
                .contains("public final static String API_VERSION = \"example.com/v1\";")
                .contains("public final static String GROUP = \"example.com\";")
                .contains("public final static String VERSION = \"v1\";")
                .contains("public final static String KIND = \"Thing\";")
                .contains("public final static String PLURAL = \"things\";")
                .contains("public final static String CRD_NAME = \"things.example.com\";");
        assertThat(child).doesNotContain("public List<Violation> validate()").doesNotContain("API_VERSION")
                .contains("void collectViolations(String path, List<Violation> out)");
    }

    @Test
    void invalidPatternIsRejectedNamingTheSchema(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root", "properties": { "name": { "type": "string", "pattern": "^[a-z" } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("pattern at ")
                .hasMessageContaining("snippet.json")
                .hasMessageContaining("not a valid regular expression");
    }

    @Test
    void nonNumericMinimumIsRejected(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root", "properties": { "n": { "type": "integer", "minimum": "1" } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("minimum at ");
    }

    // ---- unions ---------------------------------------------------------------------------

    @Test
    void unionChecksAreEmittedForEveryMemberBlock() {
        String src = squash(source(pet, "PetSpec"));

        assertThat(src).containsPattern("if \\((discriminator\\d+) != null && SchemaChecks\\.oneOf\\(\\1, \"Cat\", \"Dog\", \"Fish\"\\)\\)")
                .containsPattern("SchemaChecks\\.unionMember\\(out, path, \"species\", (discriminator\\d+), \"cat\", \"Cat\"\\.equals\\(\\1\\), getCat\\(\\) != null\\);")
                .containsPattern("SchemaChecks\\.unionMember\\(out, path, \"species\", (discriminator\\d+), \"dog\", \"Dog\"\\.equals\\(\\1\\), getDog\\(\\) != null\\);");
    }

    @Test
    void unionMemberWithoutABlockEmitsNoMemberCheck() {
        String src = squash(source(pet, "PetSpec"));

        assertThat(src).doesNotContain("\"fish\"").doesNotContain("\"Fish\".equals");
    }

    @Test
    void unionMembersInconsistentWithTheDiscriminatorEnumAreRejected(@TempDir Path tmp) {
        String schema = PET.replace("\"Fish\": null", "\"Bird\": null");

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("x-kgateway-union")
                .hasMessageContaining("[Cat, Dog, Bird]")
                .hasMessageContaining("[Cat, Dog, Fish]");
    }

    @Test
    void unionNamingAMissingDiscriminatorIsRejected(@TempDir Path tmp) {
        String schema = PET.replace("\"discriminator\": \"species\"", "\"discriminator\": \"kind\"");

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("discriminator 'kind'");
    }

    @Test
    void unionNamingAMissingMemberBlockIsRejected(@TempDir Path tmp) {
        String schema = PET.replace("\"Dog\": \"dog\"", "\"Dog\": \"hound\"");

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("member 'hound'");
    }

    // ---- names ----------------------------------------------------------------------------

    @Test
    void javaKeywordPropertyWithoutJavaNameIsRejectedNamingThePath(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root",
                  "properties": { "spec": { "type": "object", "javaType": "RootSpec",
                    "properties": { "static": { "type": "string" } } } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'static'")
                .hasMessageContaining("snippet.json#/properties/spec/properties/static")
                .hasMessageContaining("javaName");
    }

    @Test
    void propertyClashingWithTheUnknownMembersMapIsRejected(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root", "properties": { "additional-properties": { "type": "string" } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("clashes with the unknown-members map");
    }

    @Test
    void twoObjectsWithTheSameClassNameAreRejected(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root", "properties": {
                    "a": { "type": "object", "javaType": "Part", "properties": { "x": { "type": "string" } } },
                    "b": { "type": "object", "javaType": "Part", "properties": { "y": { "type": "string" } } } } }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("maps to class Part")
                .hasMessageContaining("javaType");
    }

    @Test
    void requiredMemberThatIsNotAPropertyIsRejected(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root", "properties": { "a": { "type": "string" } }, "required": ["b"] }
                """;

        assertThatThrownBy(() -> generateIn(tmp, schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("required member 'b'");
    }

    @Test
    void classNamesDefaultToTheCapitalizedPropertyName(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Root", "properties": { "host-tls": { "type": "object", "properties": { "sni": { "type": "string" } } } } }
                """;

        Map<String, String> sources = generateIn(tmp, schema);

        assertThat(sources).containsKey("com/example/HostTls.java");
        assertThat(squash(source(sources, "Root"))).contains("@JsonProperty(\"host-tls\")")
                .contains("public abstract HostTls getHostTls();");
    }

    // ---- package style --------------------------------------------------------------------

    @Test
    void packageInfoCarriesExactlyOneImmutablesStyle() {
        String info = source(thing, "package-info");

        assertThat(Pattern.compile("@org\\.immutables\\.value\\.Value\\.Style\\(").matcher(info).results().count()).isEqualTo(1);
        assertThat(squash(info)).contains("get = { \"get*\", \"is*\" }")
                .contains("visibility = Value.Style.ImplementationVisibility.PACKAGE")
                .contains("overshadowImplementation = true")
                .contains("package com.example;");
    }
}

package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.kgateway.sdk.codegen.GeneratorHarness.generate;
import static dev.kgateway.sdk.codegen.GeneratorHarness.source;
import static dev.kgateway.sdk.codegen.GeneratorHarness.squash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API users program against, as generated: documented builder methods on the public
 * {@code X.Builder}, in-place edits, real Java enums next to open enums, release lines in the
 * Javadoc, and sources that carry no file system path of the build machine.
 */
class GeneratedApiTest {

    private static final String SCHEMA = """
            {
              "type": "object",
              "javaType": "Thing",
              "properties": {
                "apiVersion": { "type": "string", "const": "example.com/v1" },
                "name": { "type": "string", "description": "The <b>name</b> of it, e.g. {x} @home */", "minLength": 1, "maxLength": 10, "pattern": "^[a-z\\\\.]+$" ,
                  "x-kgateway-seed-only": { "use": "spec.region", "note": "spec(s -> s.region(..))" } },
                "spec": {
                  "type": "object", "javaType": "ThingSpec",
                  "properties": {
                    "region": { "type": "string" },
                    "auth": { "$ref": "#/$defs/Auth" },
                    "mode": { "type": "string", "javaType": "Mode", "enum": ["Fast", "Slow"] }
                  }
                },
                "tags": { "type": "array", "items": { "type": "string" } },
                "children": { "type": "array", "items": { "type": "object", "javaType": "Child", "properties": { "id": { "type": "string" } } } },
                "labels": { "type": "object", "additionalProperties": { "type": "string", "maxLength": 5 } },
                "other": { "$ref": "#/$defs/Auth" }
              },
              "required": ["name"],
              "$defs": { "Auth": { "type": "object", "javaType": "Auth", "properties": { "secret": { "type": "string" } } } }
            }
            """;

    @TempDir
    static Path repo;
    static Map<String, String> sources;

    @BeforeAll
    static void generateWithReleaseFixtures() throws IOException {
        sources = generate(releaseFixture(repo), "thing.json", SCHEMA);
    }

    /** A repository with the schema directory's release CRDs (v1.0, v1.1, main) and seed; returns the schema directory. */
    static Path releaseFixture(Path repo) throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        Path schemaDir = Files.createDirectories(repo.resolve("schema"));
        String crd = """
                kind: CustomResourceDefinition
                spec:
                  versions:
                  - name: v1
                    schema:
                      openAPIV3Schema:
                        properties:
                          apiVersion: {type: string}
                          spec:
                            properties:
                              region: {type: string}
                              auth: {properties: {secret: {type: string}}}
                %s
                """;
        Files.createDirectories(schemaDir.resolve("upstream"));
        Files.writeString(schemaDir.resolve("upstream/things-crd-v1.0.yaml"), crd.formatted(""));
        Files.writeString(schemaDir.resolve("upstream/things-crd-v1.1.yaml"), crd.formatted("              mode: {type: string}"));
        Files.writeString(schemaDir.resolve("upstream/things-crd-main.yaml"), crd.formatted("              mode: {type: string}"));
        Files.createDirectories(schemaDir.resolve("seed"));
        Files.writeString(schemaDir.resolve("seed/thing.schema.json"),
                "{ \"properties\": { \"name\": { \"type\": \"string\" }, \"spec\": { \"properties\": { \"region\": {} } } } }");
        return schemaDir;
    }

    private static String thing() {
        return squash(source(sources, "Thing"));
    }

    // ---- item 9: every builder method is declared, and documented, on the public Builder -----

    @Test
    void buildersDeclareEverySetterWithTheSignatureImmutablesImplements() {
        assertThat(thing())
                .contains("public abstract Thing.Builder name( @Nullable String name);")
                .contains("public abstract Thing.Builder spec( @Nullable ThingSpec spec);")
                .contains("public abstract Thing.Builder from(Thing instance);")
                .contains("public abstract Thing build();");
    }

    @Test
    void buildersDeclareListAddersWithoutAWildcardForFinalElementsAndWithOneOtherwise() {
        assertThat(thing())
                .contains("public abstract Thing.Builder addTags(String element);")
                .contains("public abstract Thing.Builder addTags(String... elements);")
                .contains("public abstract Thing.Builder tags(Iterable<String> elements);")
                .contains("public abstract Thing.Builder addAllTags(Iterable<String> elements);")
                .contains("public abstract Thing.Builder addChildren(Child element);")
                .contains("public abstract Thing.Builder children(Iterable<? extends Child> elements);")
                .contains("public abstract Thing.Builder addAllChildren(Iterable<? extends Child> elements);");
    }

    @Test
    void buildersDeclareMapPuttersAndTheUnknownMembersOnes() {
        assertThat(thing())
                .contains("public abstract Thing.Builder putLabels(String key, String value);")
                .contains("public abstract Thing.Builder putLabels(Map.Entry<String, ? extends String> entry);")
                .contains("public abstract Thing.Builder labels(Map<String, ? extends String> entries);")
                .contains("public abstract Thing.Builder putAllLabels(Map<String, ? extends String> entries);")
                .contains("public abstract Thing.Builder putAdditionalProperties(String key, JsonNode value);")
                .contains("public abstract Thing.Builder putAllAdditionalProperties(Map<String, ? extends JsonNode> entries);");
    }

    @Test
    void buildersTakePrimitivesWhereImmutablesDoesAndWildcardsForNonFinalElements(@TempDir Path tmp) {
        String schema = """
                { "type": "object", "javaType": "Codes", "properties": {
                    "codes": { "type": "array", "items": { "type": "integer" } },
                    "weights": { "type": "object", "additionalProperties": { "type": "number" } },
                    "anything": { "type": "array", "items": {} } } }
                """;
        String src = squash(source(generate(tmp, "codes.json", schema), "Codes"));

        assertThat(src).contains("public abstract Codes.Builder addCodes(int element);")
                .contains("public abstract Codes.Builder addCodes(int... elements);")
                .contains("public abstract Codes.Builder codes(Iterable<Integer> elements);")
                .contains("public abstract Codes.Builder putWeights(String key, double value);")
                .contains("public abstract Codes.Builder putAllWeights(Map<String, ? extends Double> entries);")
                .contains("public abstract Codes.Builder addAllAnything(Iterable<?> elements);");
    }

    @Test
    void builderSettersCarryDescriptionJsonNameRulesAndReleases() {
        String src = thing();
        int setter = src.indexOf("public abstract Thing.Builder name(");
        String doc = src.substring(src.lastIndexOf("/**", setter), setter);

        assertThat(doc).contains("Sets {@code name}; {@code null} removes it.")
                .contains("JSON member <code>name</code> (at <code>name</code>).")
                .contains("Rules: required by {@code validate()}; at least 1 character; at most 10 characters; matches <code>^[a-z&#92;.]+$</code>.")
                .contains("Present in the seed schema only.");
    }

    @Test
    void descriptionsAreEscapedSoTheyCannotBreakTheJavadoc() {
        assertThat(thing()).contains("The &lt;b&gt;name&lt;/b&gt; of it, e.g. &#123;x&#125; &#64;home &#42;/")
                .doesNotContain("<b>name</b>");
    }

    @Test
    void seedOnlyMembersAreDeprecatedNamingTheServedMemberAndItsReleases() {
        String src = thing();
        String deprecation = "@deprecated * Seed schema only: no kgateway release serves <code>name</code>; use <code>spec.region</code>,"
                + " served by kgateway v1.0 and later (spec(s -&gt; s.region(..))).";

        for (String method : List.of("public abstract String getName()", "public Thing withName(", "public abstract Thing.Builder name(")) {
            int at = src.indexOf(method);
            assertThat(at).as(method).isPositive();
            String before = src.substring(src.lastIndexOf("/**", at), at);
            assertThat(before).as(method).contains(deprecation).contains("@Deprecated");
        }
        assertThat(src).contains("@SuppressWarnings(\"deprecation\")");
        assertThat(squash(source(sources, "ThingDeserializer"))).contains("@SuppressWarnings(\"deprecation\")");
        assertThat(squash(source(sources, "ThingSerializer"))).contains("@SuppressWarnings(\"deprecation\")");
        assertThat(squash(source(sources, "ThingSpecSerializer"))).doesNotContain("@SuppressWarnings");
        int served = src.indexOf("public abstract ThingSpec getSpec()");
        assertThat(src.substring(src.lastIndexOf("/**", served), served)).doesNotContain("@deprecated").doesNotContain("@Deprecated");
    }

    @Test
    void validateReportsASeedOnlyMemberWithItsReplacement() {
        assertThat(thing()).contains("SchemaChecks.seedOnly(out, SchemaChecks.child(path, \"name\"), getName(), "
                + "\"no kgateway release serves this member of the seed schema; use spec.region (kgateway v1.0 and later): spec(s -> s.region(..))\");");
    }

    @Test
    void aSeedOnlyMemberWithoutItsReplacementFailsTheGeneration(@TempDir Path tmp) throws IOException {
        Path dir = releaseFixture(tmp);
        String schema = SCHEMA.replace("\"x-kgateway-seed-only\": { \"use\": \"spec.region\", \"note\": \"spec(s -> s.region(..))\" }", "\"x-unused\": 1");

        assertThatThrownBy(() -> generate(dir, "thing.json", schema))
                .hasStackTraceContaining("name is in the seed schema only (no kgateway release serves it): declare x-kgateway-seed-only");
    }

    @Test
    void aSeedOnlyDeclarationOnAServedMemberFailsTheGeneration(@TempDir Path tmp) throws IOException {
        Path dir = releaseFixture(tmp);
        String schema = SCHEMA.replace("\"region\": { \"type\": \"string\" }",
                "\"region\": { \"type\": \"string\", \"x-kgateway-seed-only\": { \"note\": \"n\" } }");

        assertThatThrownBy(() -> generate(dir, "thing.json", schema))
                .hasStackTraceContaining("x-kgateway-seed-only on spec.region, which a kgateway release serves: remove it");
    }

    @Test
    void aSeedOnlyReplacementThatNoReleaseServesFailsTheGeneration(@TempDir Path tmp) throws IOException {
        Path dir = releaseFixture(tmp);
        String schema = SCHEMA.replace("\"use\": \"spec.region\"", "\"use\": \"tags\"");

        assertThatThrownBy(() -> generate(dir, "thing.json", schema))
                .hasStackTraceContaining("names 'tags', which is not a path of the schema that a kgateway release serves");
    }

    // ---- item 3: release lines -----------------------------------------------------------------

    @Test
    void accessorsNameTheReleaseLinesThatHaveTheMember() {
        String spec = squash(source(sources, "ThingSpec"));

        assertThat(spec).contains("(at <code>spec.region</code>). * <p>Present in kgateway v1.0 and later and in the seed schema.")
                .contains("(at <code>spec.mode</code>). Rules: one of <code>Fast</code>, <code>Slow</code>")
                .contains("<p>Present in kgateway v1.1 and later.");
    }

    @Test
    void membersOfASharedDefinitionNameEveryPathAndTheUnionOfTheirReleases() {
        String auth = squash(source(sources, "Auth"));

        assertThat(auth).contains("(at <code>spec.auth.secret</code>, <code>other.secret</code>). * <p>Present in kgateway v1.0 and later.");
    }

    @Test
    void membersNoInputHasSaySo() {
        assertThat(thing()).contains("(at <code>tags</code>). * <p>Present in no kgateway release nor in the seed schema");
    }

    // ---- item 5: in-place edits and real enums -----------------------------------------------------

    @Test
    void valuesEditAnObjectMemberInPlaceThroughItsBuilder() {
        assertThat(thing()).contains("public Thing editSpec(Consumer<ThingSpec.Builder> edit) { ThingSpec current = getSpec(); "
                + "ThingSpec.Builder nested = ((current == null)?ThingSpec.builder():current.toBuilder()); edit.accept(nested); "
                + "return withSpec(nested.build()); }");
    }

    @Test
    void buildersEditAnObjectMemberInPlaceFromASnapshot() {
        assertThat(thing()).contains("public Thing.Builder editSpec(Consumer<ThingSpec.Builder> edit) { ThingSpec current = build().getSpec(); "
                + "ThingSpec.Builder nested = ((current == null)?ThingSpec.builder():current.toBuilder()); edit.accept(nested); "
                + "return spec(nested.build()); }");
    }

    @Test
    void scalarsCollectionsAndEnumsGetNoEdit() {
        assertThat(thing()).doesNotContain("editName(").doesNotContain("editTags(").doesNotContain("editChildren(")
                .doesNotContain("editLabels(");
        assertThat(squash(source(sources, "ThingSpec"))).doesNotContain("editMode(").contains("public ThingSpec editAuth(");
    }

    @Test
    void openEnumsHaveARealEnumOfTheKnownValuesAndUnrecognized() {
        String mode = squash(source(sources, "Mode"));

        assertThat(mode).contains("public enum Known {")
                .containsPattern("FAST, .*SLOW, .*UNRECOGNIZED;")
                .contains("public final static Mode FAST = new Mode(\"Fast\", Mode.Known.FAST);")
                .contains("@Override public Mode.Known known() { return known; }")
                .contains("public static Mode fromKnown(Mode.Known known) { switch (known) { case FAST: return Mode.FAST; "
                        + "case SLOW: return Mode.SLOW; default: throw new IllegalArgumentException(");
    }

    @Test
    void anEnumValueNamedLikeTheUnrecognizedConstantIsRejected(@TempDir Path tmp) {
        String schema = "{ \"type\": \"object\", \"javaType\": \"Root\", \"properties\": { \"s\": "
                + "{ \"type\": \"string\", \"javaType\": \"S\", \"enum\": [\"Unrecognized\"] } } }";

        assertThatThrownBy(() -> generate(tmp, "root.json", schema))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'Unrecognized'").hasMessageContaining("UNRECOGNIZED is reserved");
    }

    // ---- item 8: reproducible sources ----------------------------------------------------------------

    @Test
    void sourcesNameTheSchemaByItsRepositoryPath() {
        assertThat(thing()).contains("Generated from <code>schema/thing.json</code>;");
        assertThat(squash(source(sources, "Child"))).contains("Generated from <code>schema/thing.json#/properties/children/items</code>;");
        assertThat(squash(source(sources, "package-info"))).contains("generated from <code>schema/thing.json</code>");
    }

    @Test
    void noSourceCarriesTheBuildDirectory() {
        String absolute = repo.toAbsolutePath().toString();
        sources.forEach((file, text) -> assertThat(text).as(file).doesNotContain(absolute).doesNotContain("file:/"));
    }

    @Test
    void outsideARepositoryTheSchemaIsNamedByItsDirectoryAndFile(@TempDir Path tmp) throws IOException {
        Path file = Files.createDirectories(tmp.resolve("schemas")).resolve("x.json");

        assertThat(SchemaSource.displayName(file)).isEqualTo("schemas/x.json");
    }
}

package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which release lines have a path, read from CRD fixtures next to a schema, and how it is worded. */
class ReleaseLinesTest {

    static final String SCHEMA = """
            { "type": "object", "javaType": "Thing",
              "properties": { "apiVersion": { "type": "string", "const": "example.com/v1" } } }
            """;

    @TempDir
    static Path dir;
    static ReleaseLines lines;

    /** One CRD per line; {@code v1} is the served version, {@code v0} a decoy with everything. */
    static String crd(String properties) {
        return """
                # header comment, as in the vendored files
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                spec:
                  versions:
                  - name: v0
                    schema:
                      openAPIV3Schema:
                        properties:
                          spec:
                            properties:
                              decoy: {type: string}
                  - name: v1
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          metadata: {type: object}
                          spec:
                            type: object
                            properties:
                """ + properties.indent(28);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @BeforeAll
    static void fixtures() throws IOException {
        write(dir.resolve("thing.json"), SCHEMA);
        String hosts = "hosts: {type: array, items: {type: object, properties: {host: {type: string}}}}";
        write(dir.resolve("upstream/things-crd-v2.0.yaml"), crd(hosts + "\nold: {type: string}\ngap: {type: string}"));
        write(dir.resolve("upstream/things-crd-v2.1.yaml"), crd(hosts + "\nold: {type: string}\nonly21: {type: string}"));
        write(dir.resolve("upstream/things-crd-v2.2.yaml"), crd(hosts + "\ngap: {type: string}"));
        write(dir.resolve("upstream/things-crd-v2.10.yaml"), crd(hosts + "\ngap: {type: string}\nnew: {type: string}"));
        write(dir.resolve("upstream/things-crd-main.yaml"), crd(hosts + "\ngap: {type: string}\nnew: {type: string}"
                + "\nlabels: {type: object, additionalProperties: {type: object, properties: {v: {type: string}}}}"));
        write(dir.resolve("upstream/README.md"), "not a CRD");
        write(dir.resolve("seed/thing.schema.json"), """
                { "type": "object", "properties": { "spec": { "$ref": "#/$defs/Spec" } },
                  "$defs": { "Spec": { "type": "object", "properties": { "seedOnly": { "type": "string" },
                                                                        "hosts": { "type": "array", "items": { "$ref": "#/$defs/Host" } } } },
                             "Host": { "type": "object", "properties": { "host": { "type": "string" } } } } }
                """);
        lines = ReleaseLines.load(dir.resolve("thing.json"));
    }

    @Test
    void linesAreOrderedByVersionWithMainLast() {
        assertThat(lines.lines()).containsExactly("v2.0", "v2.1", "v2.2", "v2.10", "main");
    }

    @Test
    void aMemberOfEveryLineIsThereFromTheFirstOn() {
        assertThat(lines.describe(Set.of("spec.hosts"))).isEqualTo("Present in kgateway v2.0 and later and in the seed schema.");
    }

    @Test
    void aMemberOfOneLineNamesIt() {
        assertThat(lines.describe(Set.of("spec.only21"))).isEqualTo("Present in kgateway v2.1.");
    }

    @Test
    void aMemberAddedLaterIsThereFromThatLineOn() {
        assertThat(lines.describe(Set.of("spec.new"))).isEqualTo("Present in kgateway v2.10 and later.");
    }

    @Test
    void aRemovedMemberNamesItsRange() {
        assertThat(lines.describe(Set.of("spec.old"))).isEqualTo("Present in kgateway v2.0 to v2.1.");
    }

    @Test
    void aMemberThatCameBackNamesEachRange() {
        assertThat(lines.describe(Set.of("spec.gap"))).isEqualTo("Present in kgateway v2.0 and v2.2 to main.");
    }

    @Test
    void aMemberOnlyTheSeedHasSaysSo() {
        assertThat(lines.describe(Set.of("spec.seedOnly"))).isEqualTo("Present in the seed schema only.");
    }

    @Test
    void aMemberNoInputHasIsAnAdditionOfThisSchema() {
        assertThat(lines.describe(Set.of("spec.invented")))
                .isEqualTo("Present in no kgateway release nor in the seed schema: an addition of this SDK's schema.");
    }

    @Test
    void arrayItemsAndRefsAreTransparent() {
        assertThat(lines.has("v2.0", "spec.hosts.host")).isTrue();
        assertThat(lines.inSeed("spec.hosts.host")).isTrue();
        assertThat(lines.describe(Set.of("spec.hosts.host"))).isEqualTo("Present in kgateway v2.0 and later and in the seed schema.");
    }

    @Test
    void mapValuesAreAStar() {
        assertThat(lines.describe(Set.of("spec.labels.*.v"))).isEqualTo("Present in kgateway main.");
    }

    @Test
    void severalPathsCountWhenAnyLineHasOne() {
        assertThat(lines.describe(List.of("spec.only21", "spec.new"))).isEqualTo("Present in kgateway v2.1 and v2.10 to main.");
    }

    @Test
    void theVersionNamedLikeTheSchemasApiVersionCounts() {
        assertThat(lines.has("v2.0", "spec.decoy")).isFalse();
    }

    @Test
    void kubernetesDefinesEverythingUnderTheRootMetadata() {
        assertThat(lines.has("v2.0", "metadata.name")).isTrue();
        assertThat(lines.inSeed("metadata.name")).isFalse();
    }

    @Test
    void withoutAnUpstreamDirectoryThereIsNothingToSay(@TempDir Path other) throws IOException {
        write(other.resolve("thing.json"), SCHEMA);

        assertThat(ReleaseLines.load(other.resolve("thing.json"))).isNull();
    }

    @Test
    void aCrdWithoutTheVersionFailsNamingTheFile(@TempDir Path other) throws IOException {
        write(other.resolve("thing.json"), SCHEMA);
        write(other.resolve("upstream/x-crd-v1.yaml"), "kind: CustomResourceDefinition\nspec: {versions: [{name: v9}]}\n");

        assertThatThrownBy(() -> ReleaseLines.load(other.resolve("thing.json")))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("x-crd-v1.yaml").hasMessageContaining("'v1'");
    }
}

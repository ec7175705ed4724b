package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.kgateway.sdk.codegen.GeneratorHarness.generate;
import static dev.kgateway.sdk.codegen.GeneratorHarness.source;
import static dev.kgateway.sdk.codegen.GeneratorHarness.squash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the generator writes for {@code x-kgateway-union} counts, {@code x-kgateway-requires}, {@code propertyNames} and patterns. */
class ValidationEmitterTest {

    private static final String GADGET = """
            {
              "type": "object", "javaType": "Gadget",
              "x-kgateway-union": { "discriminator": "mode", "members": { "A": "alpha", "B": "beta", "N": null }, "count": "exactlyOne" },
              "x-kgateway-requires": [
                { "when": "alpha", "anyOf": ["owner", "alpha.owner"] },
                { "unless": "mode", "anyOf": ["note"] },
                { "anyOf": ["owner", "note"] }
              ],
              "properties": {
                "mode": { "type": "string", "javaType": "GadgetMode", "enum": ["A", "B", "N"] },
                "alpha": { "type": "object", "javaType": "Alpha", "properties": { "owner": { "type": "string" } } },
                "beta": { "type": "object", "javaType": "Beta", "properties": { "size": { "type": "integer" } } },
                "owner": { "type": "string" },
                "note": { "type": "string", "pattern": "^[a-z]+$" },
                "tags": { "type": "object", "propertyNames": { "format": "k8s-qualified-name" }, "additionalProperties": { "type": "string" } },
                "items": { "type": "array", "minItems": 1, "items": { "type": "string" } }
              }
            }
            """;

    @Test
    void countIsCheckedOnlyWhenNoDiscriminatorValueSelectsABlock(@TempDir Path dir) {
        String src = squash(source(generate(dir, "gadget.json", GADGET), "Gadget"));

        assertThat(src).contains("SchemaChecks.unionMember(out, path, \"mode\", discriminator")
                .containsPattern("if \\(discriminator\\d+ == null \\|\\| !SchemaChecks\\.oneOf\\(discriminator\\d+, \"A\", \"B\"\\)\\) \\{ "
                        + "SchemaChecks\\.unionCount\\(out, path, true, new String\\[\\] \\{\"alpha\", \"beta\"\\}, "
                        + "getAlpha\\(\\) != null, getBeta\\(\\) != null\\); \\}");
    }

    @Test
    void requirementsBecomeConditionalRequiredChecks(@TempDir Path dir) {
        String src = squash(source(generate(dir, "gadget.json", GADGET), "Gadget"));

        assertThat(src).contains("if (getAlpha() != null && !(getOwner() != null || (getAlpha() != null && getAlpha().getOwner() != null))) { "
                        + "SchemaChecks.missing(out, path, \"one of owner, alpha.owner is required when alpha is set\"); }")
                .contains("if (!(getMode() != null) && !(getNote() != null)) { "
                        + "SchemaChecks.missing(out, SchemaChecks.child(path, \"note\"), \"is required when mode is not set\"); }")
                .contains("if (true && !(getOwner() != null || getNote() != null)) { "
                        + "SchemaChecks.missing(out, path, \"one of owner, note is required always\"); }");
    }

    @Test
    void mapKeysAreCheckedAgainstPropertyNames(@TempDir Path dir) {
        String src = squash(source(generate(dir, "gadget.json", GADGET), "Gadget"));

        assertThat(src).containsPattern("SchemaChecks\\.qualifiedName\\(out, entryPath\\d+, entry\\d+\\.getKey\\(\\)\\);");
    }

    @Test
    void anOptionalEmptyListIsAbsentSoItsMinItemsIsNotChecked(@TempDir Path dir) {
        String src = squash(source(generate(dir, "gadget.json", GADGET), "Gadget"));

        assertThat(src).containsPattern("if \\(!v\\d+\\.isEmpty\\(\\)\\) \\{ SchemaChecks\\.minItems\\(out, p\\d+, v\\d+, 1\\); \\}");
    }

    @Test
    void patternsAnchorAtTheEndOfInputLikeTheApiServer(@TempDir Path dir) {
        String src = squash(source(generate(dir, "gadget.json", GADGET), "Gadget"));

        assertThat(src).contains("Pattern.compile(\"^[a-z]+\\\\z\")").contains("\"^[a-z]+$\");");
    }

    @Test
    void endAnchorIsReplacedOutsideClassesAndEscapesOnly() {
        assertThat(ValidationEmitter.anchorAtEndOfInput("^a$")).isEqualTo("^a\\z");
        assertThat(ValidationEmitter.anchorAtEndOfInput("^(\\$LATEST|[0-9]+)$")).isEqualTo("^(\\$LATEST|[0-9]+)\\z");
        assertThat(ValidationEmitter.anchorAtEndOfInput("^[$]x$")).isEqualTo("^[$]x\\z");
        assertThat(ValidationEmitter.anchorAtEndOfInput("^[]$]$")).isEqualTo("^[]$]\\z");
        assertThat(ValidationEmitter.anchorAtEndOfInput("^(a$|b$)")).isEqualTo("^(a\\z|b\\z)");
    }

    @Test
    void anchoredPatternRefusesATrailingNewlineThatJavasDollarAccepts() {
        String regex = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

        assertThat(Pattern.compile(regex).matcher("web\n").find()).isTrue();
        assertThat(Pattern.compile(ValidationEmitter.anchorAtEndOfInput(regex)).matcher("web\n").find()).isFalse();
        assertThat(Pattern.compile(ValidationEmitter.anchorAtEndOfInput(regex)).matcher("web").find()).isTrue();
    }

    @Test
    void unknownPropertyNamesFormatFailsTheBuild(@TempDir Path dir) {
        String schema = GADGET.replace("k8s-qualified-name", "email");

        assertThatThrownBy(() -> generate(dir, "gadget.json", schema))
                .hasMessageContaining("propertyNames").hasMessageContaining("email");
    }

    @Test
    void requirementNamingAnUnknownMemberFailsTheBuild(@TempDir Path dir) {
        String schema = GADGET.replace("\"alpha.owner\"", "\"alpha.colour\"");

        assertThatThrownBy(() -> generate(dir, "gadget.json", schema))
                .isInstanceOf(GenerationException.class).hasMessageContaining("alpha.colour");
    }

    @Test
    void unionBlockThatIsNotAPropertyFailsTheBuild(@TempDir Path dir) {
        String schema = GADGET.replace("\"count\": \"exactlyOne\"", "\"blocks\": [\"gamma\"], \"count\": \"exactlyOne\"");

        assertThatThrownBy(() -> generate(dir, "gadget.json", schema))
                .isInstanceOf(GenerationException.class).hasMessageContaining("gamma");
    }
}

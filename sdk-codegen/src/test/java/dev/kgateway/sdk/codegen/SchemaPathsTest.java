package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Instance paths of schema nodes: properties, items, map values, local refs, recursion. */
class SchemaPathsTest {

    private static SchemaPaths of(String json) {
        return SchemaPaths.of(JsonMapper.builder().build().readTree(json));
    }

    @Test
    void aSharedDefinitionHasEveryPathItIsUsedAt() {
        SchemaPaths paths = of("""
                { "properties": { "a": { "$ref": "#/$defs/T" }, "b": { "type": "array", "items": { "$ref": "#/$defs/T" } } },
                  "$defs": { "T": { "properties": { "x": { "type": "string" } } } } }
                """);

        assertThat(paths.at("/$defs/T")).containsExactly("a", "b");
        assertThat(paths.at("/properties/b/items")).containsExactly("b");
        assertThat(paths.all()).contains("a.x", "b.x");
    }

    @Test
    void mapValuesAddAStar() {
        assertThat(of("{ \"properties\": { \"m\": { \"additionalProperties\": { \"properties\": { \"v\": {} } } } } }").all())
                .containsExactlyInAnyOrder("m", "m.*", "m.*.v");
    }

    @Test
    void recursiveDefinitionsEnd() {
        SchemaPaths paths = of("""
                { "$ref": "#/$defs/Node", "$defs": { "Node": { "properties": { "child": { "$ref": "#/$defs/Node" } } } } }
                """);

        assertThat(paths.at("/$defs/Node")).containsExactly("", "child");
        assertThat(paths.all()).containsExactly("child");
    }

    @Test
    void pointersCompareEqualWhateverTheEscaping() {
        assertThat(SchemaPaths.normalize("/properties/a~1b")).isEqualTo("/properties/a~1b");
        assertThat(SchemaPaths.normalize("")).isEmpty();
        assertThat(of("{ \"properties\": { \"a/b\": {} } }").at(SchemaPaths.normalize("/properties/a~1b"))).containsExactly("a/b");
    }
}

package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectRulesTest {

    @Test
    void blocksAreTheMembersThenTheExtraBlocksInSchemaOrder() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("A", "alpha");
        members.put("N", null);
        ObjectRules.Union u = ObjectRules.union(Map.of("discriminator", "mode", "members", members, "blocks", List.of("alpha", "omega")), "#/x");

        assertThat(u.blocks()).containsExactly("alpha", "omega");
        assertThat(u.count()).isEqualTo(ObjectRules.Count.ANY);
        assertThat(u.valuesByBlock()).containsExactly(Map.entry("alpha", List.of("A")));
    }

    @Test
    void aUnionWithoutDiscriminatorNeedsACount() {
        assertThatThrownBy(() -> ObjectRules.union(Map.of("blocks", List.of("a", "b")), "#/x"))
                .isInstanceOf(GenerationException.class).hasMessage("x-kgateway-union at #/x: needs a \"discriminator\" or a \"count\"");
        assertThat(ObjectRules.union(Map.of("blocks", List.of("a", "b"), "count", "atMostOne"), "#/x").count())
                .isEqualTo(ObjectRules.Count.AT_MOST_ONE);
    }

    @Test
    void anUnknownCountOrMemberIsRefused() {
        assertThatThrownBy(() -> ObjectRules.union(Map.of("blocks", List.of("a"), "count", "one"), "#/x"))
                .hasMessageContaining("\"count\" must be");
        assertThatThrownBy(() -> ObjectRules.union(Map.of("blocks", List.of("a"), "count", "exactlyOne", "mode", "x"), "#/x"))
                .hasMessageContaining("unknown member 'mode'");
    }

    @Test
    void requirementsTakeWhenOrUnlessNotBoth() {
        List<ObjectRules.Requirement> rs = ObjectRules.requirements(List.of(Map.of("when", "a", "anyOf", List.of("b", "a.c")),
                Map.of("anyOf", List.of("x"))), "#/y");

        assertThat(rs).extracting(ObjectRules.Requirement::condition).containsExactly("when a is set", "always");
        assertThatThrownBy(() -> ObjectRules.requirements(List.of(Map.of("when", "a", "unless", "b", "anyOf", List.of("c"))), "#/y"))
                .hasMessage("x-kgateway-requires at #/y: an entry takes \"when\" or \"unless\", not both");
        assertThatThrownBy(() -> ObjectRules.requirements(List.of(Map.of("when", "a", "anyOf", List.of())), "#/y"))
                .hasMessageContaining("\"anyOf\" must be a non-empty array");
    }
}

package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The differential suite's variants: reproducible from their seed, and each one a change of a valid base. */
class VariantsTest {

    private static final JsonNode V2_4 = DifferentialValidationTest.schemaOf(KgatewayRelease.V2_4);

    private static List<Fixtures.Doc> bases() {
        return Fixtures.all().stream().filter(d -> KgatewayRelease.V2_4.validator().validate(d.tree()).isEmpty()).toList();
    }

    @Test
    void theSameSeedDrawsTheSameVariants() {
        List<Variants.Case> first = Variants.generate(bases(), V2_4, 40, 7);
        List<Variants.Case> again = Variants.generate(bases(), V2_4, 40, 7);
        assertThat(again).extracting(Variants.Case::id).containsExactlyElementsOf(first.stream().map(Variants.Case::id).toList());
        assertThat(again).extracting(Variants.Case::document).containsExactlyElementsOf(first.stream().map(Variants.Case::document).toList());
    }

    @Test
    void anotherSeedDrawsOtherVariants() {
        assertThat(Variants.generate(bases(), V2_4, 40, 8)).extracting(Variants.Case::id)
                .isNotEqualTo(Variants.generate(bases(), V2_4, 40, 7).stream().map(Variants.Case::id).toList());
    }

    @Test
    void everyVariantChangesItsBase() {
        List<Fixtures.Doc> bases = bases();
        for (Variants.Case c : Variants.generate(bases, V2_4, 200, 11)) {
            String base = c.id().split(" ")[1];
            JsonNode original = bases.stream().filter(b -> b.name().equals(base)).findFirst().orElseThrow().tree();
            assertThat(c.document()).as(c.id()).isNotEqualTo(original);
        }
    }

    @Test
    void everyKindOfChangeIsDrawn() {
        assertThat(Variants.generate(bases(), V2_4, 300, 3)).extracting(c -> c.id().split(" ")[2])
                .contains(java.util.Arrays.stream(Variants.Kind.values()).map(Enum::name).toArray(String[]::new));
    }
}

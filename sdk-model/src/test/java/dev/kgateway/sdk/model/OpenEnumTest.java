package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated open enums: constants for known values, instances for unknown ones, value semantics. */
class OpenEnumTest {

    @Test
    void ofReturnsTheSameConstantForKnownValues() {
        assertThat(BackendType.of("Static")).isSameAs(BackendType.STATIC);
        assertThat(BackendType.of("AWS")).isSameAs(BackendType.AWS);
        assertThat(BackendType.of("AI")).isSameAs(BackendType.AI);
        assertThat(AiProviderType.of("openai")).isSameAs(AiProviderType.OPENAI);
        assertThat(ConditionStatus.of("Unknown")).isSameAs(ConditionStatus.UNKNOWN);
    }

    @Test
    void knownConstantsReportKnownAndTheirJsonValue() {
        assertThat(BackendType.STATIC.isKnown()).isTrue();
        assertThat(BackendType.STATIC.value()).isEqualTo("Static");
        assertThat(BackendType.STATIC).hasToString("Static");
        assertThat(AiProviderType.MISTRAL.value()).isEqualTo("mistral");
    }

    @Test
    void unknownValuesAreKept() {
        BackendType gcp = BackendType.of("GCP");

        assertThat(gcp.isKnown()).isFalse();
        assertThat(gcp.value()).isEqualTo("GCP");
        assertThat(gcp).hasToString("GCP");
        assertThat(gcp).isInstanceOf(OpenEnum.class);
    }

    @Test
    void valuesAreCaseSensitive() {
        assertThat(BackendType.of("static").isKnown()).isFalse();
        assertThat(BackendType.of("static")).isNotEqualTo(BackendType.STATIC);
    }

    @Test
    void equalsAndHashCodeAreByValue() {
        BackendType a = BackendType.of("GCP");
        BackendType b = BackendType.of("GCP");

        assertThat(a).isNotSameAs(b).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo("GCP".hashCode());
        assertThat(a).isNotEqualTo(BackendType.of("Azure")).isNotEqualTo(BackendType.AI).isNotEqualTo("GCP");
    }

    @Test
    void differentEnumTypesWithTheSameValueAreNotEqual() {
        assertThat((Object) ConditionStatus.of("X")).isNotEqualTo(BackendType.of("X"));
    }

    @Test
    void knownValuesAreInSchemaOrder() {
        assertThat(BackendType.knownValues()).containsExactly(BackendType.STATIC, BackendType.AWS, BackendType.AI);
        assertThat(AiProviderType.knownValues())
                .containsExactly(AiProviderType.OPENAI, AiProviderType.AZURE, AiProviderType.GEMINI, AiProviderType.MISTRAL);
        assertThat(ConditionStatus.knownValues()).extracting(OpenEnum::value).containsExactly("True", "False", "Unknown");
    }

    @Test
    void knownValuesCannotBeModified() {
        assertThatThrownBy(() -> BackendType.knownValues().add(BackendType.of("GCP")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ofRejectsNull() {
        assertThatThrownBy(() -> BackendType.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void jsonReadsAndWritesThePlainValue() {
        assertThat(BackendJson.jsonMapper().writeValueAsString(BackendType.AWS)).isEqualTo("\"AWS\"");
        assertThat(BackendJson.jsonMapper().readValue("\"AWS\"", BackendType.class)).isSameAs(BackendType.AWS);
        BackendType future = BackendJson.jsonMapper().readValue("\"GCP\"", BackendType.class);
        assertThat(future.isKnown()).isFalse();
        assertThat(BackendJson.jsonMapper().writeValueAsString(future)).isEqualTo("\"GCP\"");
    }
}

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
        BackendType gcp = BackendType.of("Kafka");

        assertThat(gcp.isKnown()).isFalse();
        assertThat(gcp.value()).isEqualTo("Kafka");
        assertThat(gcp).hasToString("Kafka");
        assertThat(gcp).isInstanceOf(OpenEnum.class);
    }

    @Test
    void valuesAreCaseSensitive() {
        assertThat(BackendType.of("static").isKnown()).isFalse();
        assertThat(BackendType.of("static")).isNotEqualTo(BackendType.STATIC);
    }

    @Test
    void equalsAndHashCodeAreByValue() {
        BackendType a = BackendType.of("Kafka");
        BackendType b = BackendType.of("Kafka");

        assertThat(a).isNotSameAs(b).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo("Kafka".hashCode());
        assertThat(a).isNotEqualTo(BackendType.of("Azure")).isNotEqualTo(BackendType.AI).isNotEqualTo("Kafka");
    }

    @Test
    void differentEnumTypesWithTheSameValueAreNotEqual() {
        assertThat((Object) ConditionStatus.of("X")).isNotEqualTo(BackendType.of("X"));
    }

    @Test
    void knownValuesAreInSchemaOrder() {
        assertThat(BackendType.knownValues()).extracting(OpenEnum::value)
                .containsExactly("Static", "AWS", "AI", "DynamicForwardProxy", "MCP", "GCP", "PriorityGroups");
        assertThat(AiProviderType.knownValues())
                .containsExactly(AiProviderType.OPENAI, AiProviderType.AZURE, AiProviderType.GEMINI, AiProviderType.MISTRAL);
        assertThat(ConditionStatus.knownValues()).extracting(OpenEnum::value).containsExactly("True", "False", "Unknown");
    }

    @Test
    void knownValuesCannotBeModified() {
        assertThatThrownBy(() -> BackendType.knownValues().add(BackendType.of("Kafka")))
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
        BackendType future = BackendJson.jsonMapper().readValue("\"Kafka\"", BackendType.class);
        assertThat(future.isKnown()).isFalse();
        assertThat(BackendJson.jsonMapper().writeValueAsString(future)).isEqualTo("\"Kafka\"");
    }
}

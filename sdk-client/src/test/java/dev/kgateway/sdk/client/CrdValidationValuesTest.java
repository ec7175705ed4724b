package dev.kgateway.sdk.client;

import dev.kgateway.sdk.validation.KgatewayRelease;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The validation choices as values: which source each names, equality and text. */
class CrdValidationValuesTest {

    @Test
    void eachChoiceNamesItsSource() {
        assertThat(CrdValidation.off().source()).isEqualTo(CrdValidation.Source.OFF);
        assertThat(CrdValidation.sdkSchema().source()).isEqualTo(CrdValidation.Source.SDK_SCHEMA);
        assertThat(CrdValidation.release(KgatewayRelease.V2_3).source()).isEqualTo(CrdValidation.Source.RELEASE);
        assertThat(CrdValidation.cluster().source()).isEqualTo(CrdValidation.Source.CLUSTER);
    }

    @Test
    void choicesAreEqualWithTheSameSourceAndRelease() {
        assertThat(CrdValidation.release(KgatewayRelease.V2_3)).isEqualTo(CrdValidation.release(KgatewayRelease.V2_3))
                .hasSameHashCodeAs(CrdValidation.release(KgatewayRelease.V2_3))
                .isNotEqualTo(CrdValidation.release(KgatewayRelease.V2_4))
                .isNotEqualTo(CrdValidation.cluster())
                .isNotEqualTo("release");
        assertThat(CrdValidation.cluster()).isEqualTo(CrdValidation.cluster()).isNotEqualTo(CrdValidation.sdkSchema());
    }

    @Test
    void theTextNamesTheSourceAndTheRelease() {
        assertThat(CrdValidation.off()).hasToString("CrdValidation{OFF}");
        assertThat(CrdValidation.release(KgatewayRelease.V2_3)).hasToString("CrdValidation{RELEASE " + KgatewayRelease.V2_3 + "}");
    }
}

package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.spring.boot.internal.CrdRelease;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The release line told from each vendored kgateway CRD (schema/upstream). */
class CrdReleaseTest {

    private static CustomResourceDefinition vendored(String file) throws IOException {
        try (InputStream in = CrdReleaseTest.class.getResourceAsStream("/upstream-crds/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "backends-crd-v2.0.yaml, v2.0",
            "backends-crd-v2.1.yaml, v2.1",
            "backends-crd-v2.2.yaml, v2.2",
            "backends-crd-v2.3.yaml, v2.3",
            "backends-crd-v2.4.yaml, v2.4 or later",
            "backends-crd-main.yaml, v2.4 or later"})
    void eachReleaseLineIsToldFromItsShape(String file, String release) throws IOException {
        CustomResourceDefinition crd = vendored(file);

        assertThat(CrdRelease.of(crd)).isEqualTo(release);
        assertThat(CrdRelease.servesSdkVersion(crd)).isTrue();
    }

    @Test
    void aVersionLabelWins() throws IOException {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder(vendored("backends-crd-v2.1.yaml"))
                .editMetadata().addToLabels("app.kubernetes.io/version", "v2.1.3").endMetadata().build();

        assertThat(CrdRelease.of(crd)).isEqualTo("v2.1.3");
    }

    @Test
    void aCrdWithoutKgatewaysLabelsIsNotAttributedToARelease() throws IOException {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder(vendored("backends-crd-v2.3.yaml"))
                .editMetadata().withLabels(null).endMetadata().build();

        assertThat(CrdRelease.of(crd)).isEqualTo("unknown (not installed by kgateway)");
    }
}

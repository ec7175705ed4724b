package dev.kgateway.sdk.spring.boot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** IDEs complete and document the properties from the metadata Spring's processor generates. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribedInTheGeneratedMetadata() throws IOException {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(metadata).contains("\"kgateway.namespace\"", "\"kgateway.master-url\"", "\"kgateway.field-manager\"",
                "\"kgateway.force-apply\"", "\"kgateway.install-crd\"", "\"kgateway.retry.max-attempts\"",
                "\"kgateway.retry.max-conflict-attempts\"", "\"kgateway.retry.initial-backoff\"",
                "\"kgateway.retry.max-backoff\"", "\"kgateway.validation.mode\"", "\"kgateway.validation.release\"",
                "\"kgateway.informers\"");
        assertThat(metadata).contains("Attempts per request, the first included");
    }
}

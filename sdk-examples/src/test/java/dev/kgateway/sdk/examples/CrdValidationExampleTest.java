package dev.kgateway.sdk.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CrdValidationExampleTest {

    @Test
    void theQuickstartShowsABackendRefusedBecauseTheClustersCrdWouldPruneAField() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = Quickstart.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("valid on the SDK's schema: true")
                .contains("refused on kgateway v2.3, nothing sent: spec.aws.lambda.accountId: unknown field \"spec.aws.lambda.accountId\"")
                .doesNotContain("created: the v2.3 CRD would have dropped");
    }
}

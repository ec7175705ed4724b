package dev.kgateway.sdk.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuickstartTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Quickstart.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void tourOnTheEmbeddedServerPrintsEveryStepAndExitsZero() {
        int code = run();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(printed).contains("1. Build", "2. Create", "3. Watch", "4. What the watch saw", "5. Load Backends", "6. Delete", "Done.");
        assertThat(printed).contains("team=search -> [azure-openai, openai]");
        assertThat(printed).contains("MODIFIED web").contains("status: gemini Condition{type=Accepted");
        assertThat(printed).contains("applied mistral (AI)").contains("Backends left in quickstart: 0");
    }

    @Test
    void tourBuildsAndEditsOnlyShapesAKgatewayReleaseServes() {
        int code = run();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(printed).doesNotContain("seed")
                .contains("payments: AWS Lambda charge-card in us-east-1, credentials: assume role")
                .contains("azure-openai: AI (v2.1) Azure OpenAI deployment gpt-4o-mini").contains("gemini: AI (v2.1) Gemini gemini-1.5-pro")
                .contains("lambda-thumbnails (kgateway v2.4+): AWS Lambda thumbnailer:live in eu-west-1")
                .contains("ec2-payments (kgateway v2.4+): AWS EC2 instances on port 8080")
                .contains("gcp-run (kgateway v2.3+): GCP run.example.app")
                .contains("egress-proxy (kgateway v2.1+): dynamic forward proxy, TLS on")
                .contains("failover (kgateway v2.4+): failover [ec2-payments] -> [lambda-thumbnails]")
                .contains("mistral-openai (kgateway v2.1): AI (v2.1) OpenAI-format mistral-large-latest")
                .contains("by kind: {STATIC=1, AWS=4, AI=6, DYNAMIC_FORWARD_PROXY=1, GCP=1, PRIORITY_GROUPS=1}; all valid: true")
                .contains("created failover")
                .contains("get ec2-payments -> AWS EC2 instances on port 8080 tagged app=payments, production")
                .contains("edit in place: lambda-thumbnails is now AWS Lambda thumbnailer:live in us-east-1")
                .contains("applied image-resizer (AWS)")
                .contains("deleted failover: true");
    }

    @Test
    void helpExplainsTheOptionsAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--kubeconfig PATH", "--cluster", "--embedded");
    }

    @Test
    void unknownOptionExitsTwoWithUsage() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus").contains("Usage:");
    }

    @Test
    void kubeconfigWithoutPathExitsTwo() {
        assertThat(run("--kubeconfig")).isEqualTo(2);
    }

    @Test
    void aMissingKubeconfigFailsWithItsOneLineReasonAndExitCodeOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        java.nio.file.Path nope = tmp.resolve("nope");

        int code = Quickstart.run(new String[] {"--kubeconfig", nope.toString()}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(errBytes, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8).strip()).startsWith("Quickstart failed:").contains("cannot read kubeconfig " + nope)
                .doesNotContain("\n");
    }

    @Test
    void theExitCodeFileHoldsTheCodeForTheBuildToCheck(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("target/quickstart.exit");

        Quickstart.writeExitCode(file, 1);

        assertThat(java.nio.file.Files.readString(file)).isEqualTo("1");
    }
}

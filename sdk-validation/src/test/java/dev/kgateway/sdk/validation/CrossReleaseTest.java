package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.model.Violation;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** A Backend of one release line, checked against another line's CRD, fails exactly where the lines differ. */
class CrossReleaseTest {

    private static List<String> check(KgatewayRelease release, String fixture, int index) {
        JsonNode doc = Fixtures.read(java.nio.file.Path.of("src/test/resources/upstream", fixture)).get(index);
        return release.validator().validate(doc).stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @Test
    void aV20AiBackendOnV22LosesSpecAiAndItsTypeAndNoRuleIsChecked() {
        assertThat(check(KgatewayRelease.V2_2, "12-ai-providers-v2.0.x.yaml", 0)).containsExactlyInAnyOrder(
                "spec.ai: unknown field \"spec.ai\"",
                "spec.type: Unsupported value: \"AI\": supported values: \"AWS\", \"Static\", \"DynamicForwardProxy\"",
                KeywordsTest.NOT_CHECKED); // an unsupported type blocks the rules, as on the server
    }

    @Test
    void aV20AiBackendOnV21LosesTheProviderWrapper() {
        assertThat(check(KgatewayRelease.V2_1, "12-ai-providers-v2.0.x.yaml", 0)).containsExactlyInAnyOrder(
                "spec.ai.llm.hostOverride: unknown field \"spec.ai.llm.hostOverride\"",
                "spec.ai.llm.provider: unknown field \"spec.ai.llm.provider\"",
                "spec.ai.llm: Invalid value: exactly one of the fields in [openai azureopenai anthropic gemini vertexai bedrock] must be set");
    }

    @Test
    void aV24LambdaAccountIdOnV23IsPrunedAndTheAwsAccountIdThenMissing() {
        assertThat(check(KgatewayRelease.V2_3, "03-aws-lambda-secret-main.yaml", 0)).containsExactlyInAnyOrder(
                "spec.aws.lambda.accountId: unknown field \"spec.aws.lambda.accountId\"",
                "spec.aws.accountId: Required value", KeywordsTest.NOT_CHECKED);
    }

    @Test
    void aTypelessPriorityGroupsBackendOnV23FailsTheRulesThatReadTypeUnguarded() {
        assertThat(check(KgatewayRelease.V2_3, "07-priority-groups-main.yaml", 3)).containsExactlyInAnyOrder(
                "spec.priorityGroups: unknown field \"spec.priorityGroups\"",
                "spec: Invalid value: \"object\": no such key: type evaluating rule: aws backend must be specified when type is 'AWS'",
                "spec: Invalid value: \"object\": no such key: type evaluating rule: static backend must be specified when type is 'Static'",
                "spec: Invalid value: \"object\": no such key: type evaluating rule: dynamicForwardProxy backend must be specified when type is 'DynamicForwardProxy'",
                "spec: Invalid value: \"object\": no such key: type evaluating rule: gcp backend must be specified when type is 'GCP'",
                "spec: Invalid value: exactly one of the fields in [aws static dynamicForwardProxy gcp] must be set");
    }

    @Test
    void aStaticBackendValidatesOnEveryRelease() {
        for (KgatewayRelease r : KgatewayRelease.values()) {
            assertThat(check(r, "01-static-main.yaml", 0)).as(r.name()).isEmpty();
        }
    }

    @Test
    void prunedMembersAreViolationsOfTheirOwnKind() {
        JsonNode doc = Fixtures.read(java.nio.file.Path.of("src/test/resources/upstream", "03-aws-lambda-secret-main.yaml")).get(0);
        assertThat(KgatewayRelease.V2_3.validator().validate(doc)).filteredOn(v -> v.rule().equals(ViolationTypes.PRUNED))
                .extracting(Violation::path).containsExactly("spec.aws.lambda.accountId");
    }
}

package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.Violation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The cases of the differential suite that showed {@link CrdValidator} wrong, kept: each is sent to
 * the real kube-apiserver (dry run) and to the validator, which must give the server's lines
 * ({@code path: message}, pruned members as {@code unknown field "..."}) and the line the fix is about.
 */
@KubeApiServerTest
class DifferentialCasesTest {

    KubeApiServer server;
    private static KgatewayRelease installed;

    @BeforeAll
    static void namespace(KubeApiServer server) {
        new DryRunServer(server).createNamespace();
    }

    private static final String LAMBDA = """
            apiVersion: gateway.kgateway.dev/v1alpha1
            kind: Backend
            metadata: {name: lambda, namespace: valdiff}
            spec:
              type: AWS
              aws:
                accountId: "123456789012"
                region: %s
                lambda: {functionName: hello%s}
            """;

    /** The server's lines and the validator's for one document on one release: both must be the same lines. */
    private List<String> bothSay(KgatewayRelease release, String yaml) {
        DryRunServer dryRun = new DryRunServer(server);
        synchronized (DifferentialCasesTest.class) {
            if (installed != release) {
                dryRun.install(release.crd());
                installed = release;
            }
        }
        JsonNode doc = BackendJson.yamlMapper().readTree(yaml);
        DryRunServer.Answer answer = dryRun.dryRunCreate(doc, DryRunServer.FieldValidation.Warn);
        List<String> server = new ArrayList<>(answer.warnings().stream().filter(w -> w.startsWith("unknown field")).toList());
        answer.causes().forEach(c -> server.add(c.field() + ": " + c.message()));
        if (!answer.accepted() && answer.causes().isEmpty()) {
            server.add(answer.code() + ": " + answer.message());
        }
        List<String> validator = new ArrayList<>();
        for (Violation v : release.validator().validate(doc)) {
            if (v.severity() == Violation.Severity.ERROR) {
                validator.add(v.rule().equals(ViolationTypes.PRUNED) ? v.message() : v.path() + ": " + v.message());
            }
        }
        assertThat(validator).as("the validator's lines against the server's").containsExactlyInAnyOrderElementsOf(server);
        return validator;
    }

    private static final String RULES_NOT_CHECKED = "<nil>: Invalid value: null: some validation rules were not checked because the object"
            + " was invalid; correct the existing errors to complete validation";

    @Test
    void aBlockingErrorSkipsEveryCelRuleAndSaysSo() {
        // v2.0's AI Backend on v2.2: "AI" is no supported type, so the exactly-one-backend rule is not run
        String v20Ai = """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: openai, namespace: valdiff}
                spec:
                  type: AI
                  ai: {llm: {provider: {openai: {authToken: {kind: Inline, inline: sk}}}}}
                """;
        assertThat(bothSay(KgatewayRelease.V2_2, v20Ai)).containsExactlyInAnyOrder(
                "unknown field \"spec.ai\"",
                "spec.type: Unsupported value: \"AI\": supported values: \"AWS\", \"Static\", \"DynamicForwardProxy\"",
                RULES_NOT_CHECKED);
    }

    @Test
    void aNonBlockingErrorLeavesTheCelRulesRunning() {
        assertThat(bothSay(KgatewayRelease.V2_4, LAMBDA.formatted("US_EAST", ""))).containsExactlyInAnyOrder(
                "spec.aws.region: Invalid value: \"US_EAST\": spec.aws.region in body should match '^[a-z0-9-]+$'");
    }

    @Test
    void aMistypedEnumMemberIsBothMistypedAndUnsupported() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: typed, namespace: valdiff}
                spec:
                  type: 5
                  static: {hosts: [{host: a.b, port: 80}]}
                """)).contains(
                "spec.type: Invalid value: \"integer\": spec.type in body must be of type string: \"integer\"",
                "spec.type: Unsupported value: 5: supported values: \"AWS\", \"Static\", \"DynamicForwardProxy\", \"GCP\", \"PriorityGroups\"");
    }

    @Test
    void anObjectGivenToAStringMemberLosesItsMembersToPruning() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: typed, namespace: valdiff}
                spec:
                  type: {x: 1}
                  static: {hosts: [{host: a.b, port: 80}]}
                """)).contains(
                "unknown field \"spec.type.x\"",
                "spec.type: Unsupported value: {}: supported values: \"AWS\", \"Static\", \"DynamicForwardProxy\", \"GCP\", \"PriorityGroups\"");
    }

    @Test
    void anEmptyStringFailsItsMinimumLengthOnlyNotItsPattern() {
        assertThat(bothSay(KgatewayRelease.V2_4, LAMBDA.formatted("\"\"", ""))).containsExactly(
                "spec.aws.region: Invalid value: \"\": spec.aws.region in body should be at least 1 chars long");
    }

    @Test
    void tooLongSaysBytesAsKubeApiServer132AndLater() {
        assertThat(bothSay(KgatewayRelease.V2_4, LAMBDA.formatted("a".repeat(64), ""))).containsExactlyInAnyOrder(
                "spec.aws.region: Too long: may not be more than 63 bytes", RULES_NOT_CHECKED);
    }

    @Test
    void tooManySaysItemForAMaximumOfOne() {
        String twoProviders = """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: ai, namespace: valdiff}
                spec:
                  type: AI
                  ai:
                    llm:
                      provider:
                        openai: {authToken: {kind: Passthrough}}
                        anthropic: {authToken: {kind: Passthrough}}
                """;
        assertThat(bothSay(KgatewayRelease.V2_0, twoProviders)).contains("spec.ai.llm.provider: Too many: 2: must have at most 1 item");
    }

    @Test
    void aRepeatedMapListKeyIsReportedOnceWithTheKeyAsValue() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: groups, namespace: valdiff}
                spec:
                  priorityGroups:
                    - backendRefs: [{name: a}, {name: b}, {name: a}, {name: a}]
                """)).containsExactly("spec.priorityGroups[0].backendRefs[2]: Duplicate value: {\"name\":\"a\"}");
    }

    @Test
    void aMapListItemThatIsNoObjectIsOneErrorForTheWholeList() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: groups, namespace: valdiff}
                spec:
                  priorityGroups:
                    - backendRefs: [{name: a}, "b", 3, {name: a}]
                """)).contains(
                "spec.priorityGroups[0].backendRefs[1]: Invalid value: \"b\": must be an object for an array of list-type map")
                .doesNotContain("spec.priorityGroups[0].backendRefs[3]: Duplicate value: {\"name\":\"a\"}");
    }

    @Test
    void unknownMembersOfStatusArePrunedAsTheServerDecodesIt() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: status, namespace: valdiff}
                spec: {static: {hosts: [{host: a.b, port: 80}]}}
                status: {phase: Ready}
                """)).containsExactly("unknown field \"status.phase\"");
    }

    @Test
    void labelValuesAreMeasuredAndWordedInBytes() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: labelled, namespace: valdiff, labels: {app: "%s"}}
                spec: {static: {hosts: [{host: a.b, port: 80}]}}
                """.formatted("é".repeat(32)))).contains(
                "metadata.labels: Invalid value: \"" + "é".repeat(32) + "\": must be no more than 63 bytes");
    }

    @Test
    void aLabelKeyWithTwoSlashesIsNoValidLabelKey() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: labelled, namespace: valdiff, labels: {a/b/c: v}}
                spec: {static: {hosts: [{host: a.b, port: 80}]}}
                """)).singleElement().asString().startsWith("metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of");
    }

    @Test
    void unprintableCharactersPrintAsGoQuotesThem() {
        assertThat(bothSay(KgatewayRelease.V2_4, LAMBDA.formatted("us-east-1", ", endpointURL: \"x\u0383\u00a0\""))).containsExactly(
                "spec.aws.lambda.endpointURL: Invalid value: \"x\\u0383\\u00a0\": spec.aws.lambda.endpointURL in body should match"
                        + " '^https?://[-a-zA-Z0-9@:%.+~#?&/=]+$'");
    }

    @Test
    void aFractionForAnInt32PortIsMistypedAgainstTheFormatAndOutOfTheIntegerRange() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: port, namespace: valdiff}
                spec: {static: {hosts: [{host: a.b, port: 1.5}]}}
                """)).contains(
                "spec.static.hosts[0].port: Invalid value: \"float64\": spec.static.hosts[0].port in body must be of type int32: \"float64\"",
                "<nil>: Invalid value: \"\": Checked value must be of type integer with format int32 in spec.static.hosts[0].port");
    }

    @Test
    void anIntegerBeyondInt32IsOnlyARangeErrorAtNilAndTheRulesStillRun() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: port, namespace: valdiff}
                spec: {type: AWS, aws: {accountId: "123456789012", ec2: {port: 9223372036854775807}}}
                """)).contains("<nil>: Invalid value: \"\": Checked value must be of type integer with format int32 in spec.aws.ec2.port")
                .doesNotContain(KeywordsTest.NOT_CHECKED);
    }

    @Test
    void aNumberWithAnExponentIsAFloat64ForTheServer() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: float, namespace: valdiff}
                spec: {type: 1e21, static: {hosts: [{host: a.b, port: 80}]}}
                """)).contains("spec.type: Invalid value: \"number\": spec.type in body must be of type string: \"number\"");
    }

    @Test
    void aMapKeyIsNamedAsAMemberInSchemaErrorsAndAsAKeyNowhereElse() {
        assertThat(bothSay(KgatewayRelease.V2_1, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: mcp, namespace: valdiff}
                spec:
                  type: MCP
                  mcp:
                    targets:
                    - name: t
                      selector: {service: {matchLabels: {app: 1}}}
                """)).contains(
                "spec.mcp.targets[0].selector.service.matchLabels.app: Invalid value: \"integer\":"
                        + " spec.mcp.targets[0].selector.service.matchLabels.app in body must be of type string: \"integer\"");
    }

    @Test
    void anIntegralFloatBeyondTheSafeIntegersIsNoIntegerForTheTypeCheck() {
        assertThat(bothSay(KgatewayRelease.V2_4, """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: port, namespace: valdiff}
                spec: {static: {hosts: [{host: a.b, port: 1e21}]}}
                """)).contains(
                "spec.static.hosts[0].port: Invalid value: \"float64\": spec.static.hosts[0].port in body must be of type int32: \"float64\"",
                KeywordsTest.NOT_CHECKED); // v2.4's port has no maximum; v2.0's would add "should be less than or equal to 65535"
    }

    @Test
    void strictFieldValidationRefusesExactlyTheMembersTheValidatorReportsAsPruned() {
        DryRunServer dryRun = new DryRunServer(server);
        synchronized (DifferentialCasesTest.class) {
            if (installed != KgatewayRelease.V2_3) {
                dryRun.install(KgatewayRelease.V2_3.crd());
                installed = KgatewayRelease.V2_3;
            }
        }
        JsonNode doc = DifferentialValidationTest.inNamespace(
                Fixtures.read(java.nio.file.Path.of("src/test/resources/upstream", "03-aws-lambda-secret-main.yaml")).get(0));
        ((tools.jackson.databind.node.ObjectNode) doc.path("metadata")).put("bogus", 1);
        DryRunServer.Answer strict = dryRun.dryRunCreate(doc, DryRunServer.FieldValidation.Strict);
        assertThat(strict.code()).isEqualTo(400);
        String prefix = "strict decoding error: ";
        List<String> refused = Arrays.asList(strict.message().substring(strict.message().indexOf(prefix) + prefix.length()).split(", "));
        assertThat(KgatewayRelease.V2_3.validator().validate(doc)).filteredOn(v -> v.rule().equals(ViolationTypes.PRUNED))
                .extracting(Violation::message)
                .containsExactlyInAnyOrderElementsOf(refused)
                .containsExactlyInAnyOrder("unknown field \"metadata.bogus\"", "unknown field \"spec.aws.lambda.accountId\"");
    }
}

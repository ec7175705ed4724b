package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.test.KgatewayTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import dev.kgateway.sdk.test.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example runs against the test kit's embedded API server, which behaves like kube-apiserver,
 * so none of them can rot. A server per test: the informer example counts Backends of every namespace.
 */
@KgatewayTest(serverPerMethod = true)
class ExamplesTest {

    KgatewayTestServer server;
    KgatewayClient kgw;
    @TestNamespace
    String ns;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private KgatewayClient kgw() {
        return kgw;
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildExampleDerivesAValidStaticBackendFromAnAiOne() {
        Backend asStatic = BuildBackendExample.run(out);

        assertThat(asStatic.getSpec().getType()).isEqualTo(BackendType.STATIC);
        assertThat(asStatic.getSpec().getStaticBackend().getHosts()).singleElement()
                .satisfies(h -> assertThat(h.getPort()).isEqualTo(8080));
        assertThat(asStatic.validate()).isEmpty();
        assertThat(output()).contains("kind: Backend").contains("host: \"10.0.0.7\"");
    }

    @Test
    void crudExampleFindsTheSearchTeamAndCleansUp() {
        List<String> search = CrudExample.run(kgw(), ns, out);

        assertThat(search).containsExactly("openai");
        assertThat(kgw().backends().inNamespace(ns).list()).isEmpty();
        assertThat(output()).contains("tier=gold").contains("owner=web-team").contains("deleted again: false");
    }

    @Test
    void watchExampleSeesAddedModifiedDeletedInOrder() {
        List<BackendEvent.Type> types = WatchExample.run(kgw(), ns, out);

        assertThat(types).containsExactly(BackendEvent.Type.ADDED, BackendEvent.Type.MODIFIED, BackendEvent.Type.DELETED);
    }

    @Test
    void informerExampleCachesBackendsOfEveryNamespace() {
        server.createNamespace(ns + "-other");

        List<String> cached = InformerCacheExample.run(kgw(), ns, out);

        assertThat(cached).containsExactly("openai", "payments", "web");
        assertThat(output()).contains("cached in " + ns + ": 2, in all namespaces: 3").contains("lookup without a request: AI");
    }

    @Test
    void yamlExampleAppliesEveryDocumentOfTheManifest() {
        List<Backend> applied = YamlExample.run(kgw(), ns, out);

        assertThat(applied).extracting(b -> b.getMetadata().getName()).containsExactly("httpbin", "thumbnailer", "mistral", "image-resizer");
        assertThat(applied).allSatisfy(b -> assertThat(b.getMetadata().getResourceVersion()).isNotBlank());
        assertThat(kgw().backends().inNamespace(ns).list()).hasSize(4);
        assertThat(applied.get(3).getSpec().getType()).as("v2.2+: no type").isNull();
        assertThat(applied.get(3).getSpec().getAws().getLambda().getFunctionName()).isEqualTo("resize-image");
        assertThat(output()).contains("applied image-resizer (AWS)").contains("applied mistral (AI)");
    }

    @Test
    void realKgatewayExampleBuildsEveryRealShapeValid() {
        List<Backend> built = RealKgatewayExample.run(out);

        assertThat(built).hasSize(10).allSatisfy(b -> assertThat(b.validate()).isEmpty());
        assertThat(built).extracting(RealKgatewayExample::kind).containsExactly(
                BackendType.Known.AWS, BackendType.Known.AWS, BackendType.Known.AWS, BackendType.Known.GCP,
                BackendType.Known.DYNAMIC_FORWARD_PROXY, BackendType.Known.PRIORITY_GROUPS,
                BackendType.Known.AI, BackendType.Known.AI, BackendType.Known.AI, BackendType.Known.AWS);
        assertThat(output())
                .contains("lambda-thumbnails  v2.4+  AWS Lambda thumbnailer:live in eu-west-1, credentials: assume role "
                        + "arn:aws:iam::123456789012:role/thumbnailer-invoker -> valid")
                .contains("lambda-resize      v2.0+  AWS Lambda resize-image:$LATEST in us-west-2, credentials: Secret aws-creds -> valid")
                .contains("ec2-payments       v2.4+  AWS EC2 instances on port 8080 tagged app=payments, production in us-east-1")
                .contains("gcp-run            v2.3+  GCP run.example.app -> valid")
                .contains("egress-proxy       v2.1+  dynamic forward proxy, TLS on -> valid")
                .contains("failover           v2.4+  failover [ec2-payments] -> [lambda-thumbnails] -> valid")
                .contains("openai-v21         v2.1   AI (v2.1) OpenAI-format gpt-4o -> valid")
                .contains("openai-v20         v2.0   AI (v2.0) OpenAI gpt-4o -> valid")
                .contains("mistral-openai     v2.1   AI (v2.1) OpenAI-format mistral-large-latest at api.mistral.ai:443 -> valid")
                .doesNotContain("Violation");
    }

    @Test
    void inPlaceEditChangesOnlyTheEditedFieldsOfTheLambda() {
        Backend original = RealKgatewayExample.lambdaAssumingRole("lambda-thumbnails", "real");
        List<Backend> built = RealKgatewayExample.run(out);
        Backend edited = built.get(built.size() - 1);

        assertThat(edited.getSpec().getAws().getRegion()).isEqualTo("us-east-1");
        assertThat(edited.getSpec().getAws().getAuth().getAssumeRole().getRoleArn()).endsWith("role/thumbnailer-us");
        assertThat(edited.getSpec().getAws().getLambda()).isEqualTo(original.getSpec().getAws().getLambda());
        assertThat(edited.getMetadata()).isEqualTo(original.getMetadata());
        assertThat(built.get(0)).isEqualTo(original);
        assertThat(output()).contains("edited in place: AWS Lambda thumbnailer:live in us-east-1")
                .contains("the original is unchanged: AWS Lambda thumbnailer:live in eu-west-1")
                .contains("functionName: thumbnailer").contains("region: us-east-1");
    }

    @Test
    void everyRealShapeIsCreatedAndReadBackUnchanged() {
        var backends = kgw().backends().inNamespace(ns);
        for (RealKgatewayExample.Shape shape : RealKgatewayExample.all(ns)) {
            backends.create(shape.backend());
            Backend read = backends.require(shape.backend().getMetadata().getName());
            assertThat(read.getSpec()).as(shape.backend().getMetadata().getName()).isEqualTo(shape.backend().getSpec());
        }
        assertThat(backends.list()).hasSize(9);
    }

    @Test
    void describeSwitchesOnTheKnownTypeAndNamesUnrecognizedOnes() {
        Backend newer = SampleBackends.staticBackend("web", "ns").editSpec(s -> s.type(BackendType.of("SomethingNew")));
        // reading a seed-shaped document (what an older tool may have written) still describes it
        Backend seedAws = BackendJson.fromYaml("""
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: payments}
                spec:
                  type: AWS
                  aws: {region: us-east-1, accountId: "123456789012", lambdaFunctionName: charge-card,
                        roleArn: "arn:aws:iam::123456789012:role/gateway-invoker"}
                """);
        Backend seedAi = BackendJson.fromYaml("""
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: openai}
                spec: {type: AI, ai: {provider: {type: openai, openai: {authToken: {secretRef: {name: openai-key}}}}}}
                """);

        assertThat(RealKgatewayExample.kind(newer)).isEqualTo(BackendType.Known.UNRECOGNIZED);
        assertThat(RealKgatewayExample.describe(newer)).isEqualTo("type SomethingNew, newer than this SDK");
        assertThat(RealKgatewayExample.describe(seedAws)).isEqualTo("AWS Lambda charge-card (seed shape) in us-east-1, "
                + "credentials: role arn:aws:iam::123456789012:role/gateway-invoker");
        assertThat(RealKgatewayExample.describe(seedAi)).isEqualTo("AI (seed) openai");
        assertThat(RealKgatewayExample.describe(SampleBackends.awsBackend("payments", "ns"))).isEqualTo("AWS Lambda charge-card in us-east-1, "
                + "credentials: assume role arn:aws:iam::123456789012:role/gateway-invoker");
        assertThat(RealKgatewayExample.describe(SampleBackends.openAi("openai", "ns"))).isEqualTo("AI (v2.1) OpenAI-format gpt-4o");
        assertThat(RealKgatewayExample.kind(RealKgatewayExample.priorityGroups("f", "ns", "a", "b")))
                .as("no type: the block decides").isEqualTo(BackendType.Known.PRIORITY_GROUPS);
    }

    @Test
    void conflictExampleEndsWithTheRetriedValue() {
        String hint = ConflictHandlingExample.run(kgw(), ns, out);

        assertThat(hint).isEqualTo("3");
        assertThat(output()).contains("stale update refused");
    }

    @Test
    void validationExampleReportsEveryViolationAndSendsNothing() {
        List<Violation> violations = ValidationErrorsExample.run(kgw(), ns, out);

        assertThat(violations).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("metadata.name", "pattern"),
                org.assertj.core.groups.Tuple.tuple("spec.static.hosts[0].host", "minLength"),
                org.assertj.core.groups.Tuple.tuple("spec.static.hosts[0].port", "maximum"),
                org.assertj.core.groups.Tuple.tuple("spec.ai", "union"),
                org.assertj.core.groups.Tuple.tuple("spec.ai.llm.openai.authToken", "required"));
        assertThat(kgw().backends().inNamespace(ns).list()).isEmpty();
    }
}

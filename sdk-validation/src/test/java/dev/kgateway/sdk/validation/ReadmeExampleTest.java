package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.Violation;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The README's example, run: it must keep compiling and printing what the README says. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleReportsThePrunedAccountId() {
        // --- README example start
        Backend backend = BackendJson.fromYaml("""
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: hello, namespace: apps}
                spec:
                  type: AWS
                  aws:
                    lambda: {functionName: hello, accountId: "123456789012"}
                """);
        List<Violation> onV23 = KgatewayRelease.V2_3.validator().validate(backend);
        onV23.forEach(v -> System.out.println(v.path() + ": " + v.message()));
        // spec.aws.lambda.accountId: unknown field "spec.aws.lambda.accountId"
        // spec.aws.accountId: Required value
        // <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation
        Backend stored = KgatewayRelease.V2_4.validator().withDefaults(backend);
        System.out.println(BackendJson.toYaml(stored)); // region: us-east-1, invocationMode: Sync, ...
        // --- README example end
        assertThat(onV23).extracting(v -> v.path() + ": " + v.message()).containsExactly(
                "spec.aws.lambda.accountId: unknown field \"spec.aws.lambda.accountId\"",
                "spec.aws.accountId: Required value", KeywordsTest.NOT_CHECKED);
        assertThat(BackendJson.toYaml(stored)).contains("region: us-east-1", "invocationMode: Sync");
    }

    @Test
    void kubernetesLibraryFunctionsEvaluate() {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: lib.example.dev}
                spec:
                  versions:
                  - name: v1
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            x-kubernetes-validations:
                            - {rule: "self.s.find('[0-9]+') == '42'", message: find}
                            - {rule: "self.s.findAll('[a-z]').size() == 2 && self.s.findAll('[a-z]', 1) == ['a']", message: findAll}
                            - {rule: "self.n.isSorted() && self.n.sum() == 6 && self.n.min() == 1 && self.n.max() == 3", message: lists}
                            - {rule: "self.s.lowerAscii().split('4').size() == 2 && sets.contains(self.n, [2])", message: ext}
                            - {rule: "isURL('https://x.dev') && !isURL('x y')", message: url}
                            - {rule: "cel.bind(x, self.n.size(), x == 3)", message: bind}
                            - {rule: "self.?missing.orValue('d') == 'd'", message: optional}
                            properties:
                              s: {type: string}
                              n: {type: array, items: {type: integer}}
                              missing: {type: string}
                """;
        CrdValidator v = CrdValidator.fromYaml(crd, "v1");
        assertThat(v.validate(BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {s: a42b, n: [1, 2, 3]}"))).isEmpty();
        assertThat(v.validate(BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {s: a43bc, n: [3, 2, 1]}")))
                .extracting(Violation::message)
                .containsExactly("Invalid value: find", "Invalid value: findAll", "Invalid value: lists");
    }
}

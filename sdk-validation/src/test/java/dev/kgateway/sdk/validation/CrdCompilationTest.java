package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** What a CRD must be for a validator to be built from it, and the errors naming what is wrong. */
class CrdCompilationTest {

    /** A one-version CRD whose {@code spec} schema is {@code specSchema} (YAML, indented for the slot). */
    private static String crd(String specSchema) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: things.example.dev}
                spec:
                  versions:
                  - name: v1
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                """ + specSchema.indent(12);
    }

    @Test
    void aVersionWithoutASchemaIsAnError() {
        String noSchema = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: things.example.dev}
                spec:
                  versions:
                  - name: v1
                    served: true
                """;
        assertThatThrownBy(() -> CrdValidator.fromYaml(noSchema, "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CRD things.example.dev version v1 has no schema.openAPIV3Schema");
    }

    @Test
    void aMissingVersionIsAnErrorListingTheVersionsThereAre() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("{type: object}"), "v2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CRD things.example.dev has no version v2 (versions: [v1])");
    }

    @Test
    void anEmptyDocumentIsNotACrd() {
        assertThatThrownBy(() -> CrdValidator.fromYaml("", "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a CustomResourceDefinition: the document is not an object");
    }

    @Test
    void aMissingFileIsAnIoErrorNamingTheFile() {
        assertThatThrownBy(() -> CrdValidator.fromFile(Path.of("no-such-crd.yaml"), "v1")).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read no-such-crd.yaml");
    }

    @Test
    void theValidatorNamesItsCrdAndVersion() {
        CrdValidator v = CrdValidator.fromYaml(crd("{type: object}"), "v1");
        assertThat(v.crdName()).isEqualTo("things.example.dev");
        assertThat(v.version()).isEqualTo("v1");
        assertThat(v).hasToString("CrdValidator[things.example.dev/v1]");
    }

    @Test
    void aPatternThatIsNotRe2IsAnErrorNamingItsSchemaPath() {
        // a back-reference: valid in Java, not in RE2 (kube-apiserver's engine)
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("{type: string, pattern: '(a)\\1'}"), "v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("openAPIV3Schema.properties.spec.pattern: not an RE2 regular expression: (a)\\1");
    }

    @Test
    void aRuleEntryWithoutARuleIsAnError() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: object
                x-kubernetes-validations:
                - message: no rule
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].rule: Required value");
    }

    @Test
    void aRuleThatIsNotBooleanIsAnError() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: string
                x-kubernetes-validations:
                - rule: self.size()
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].rule: must evaluate to a bool, not int: self.size()");
    }

    @Test
    void aMessageExpressionThatIsNotAStringIsAnError() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: string
                x-kubernetes-validations:
                - rule: self != ''
                  messageExpression: self.size()
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].messageExpression: must evaluate to a string, not int");
    }

    @Test
    void anUnknownReasonIsAnError() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: string
                x-kubernetes-validations:
                - rule: self != ''
                  reason: FieldValueTooLong
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].reason: Unsupported value: \"FieldValueTooLong\"");
    }

    @Test
    void aFieldPathToAnUndeclaredMemberIsAnError() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: object
                properties: {a: {type: string}}
                x-kubernetes-validations:
                - rule: has(self.a)
                  fieldPath: .b
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].fieldPath: Invalid value: .b: does not refer to a valid field");
    }

    @Test
    void aFieldPathThatIsNotAPathIsAnError() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: object
                properties: {a: {type: string}}
                x-kubernetes-validations:
                - rule: has(self.a)
                  fieldPath: a
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].fieldPath: Invalid value: a: expected [ or . but got: a");
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: object
                additionalProperties: {type: string}
                x-kubernetes-validations:
                - rule: size(self) > 0
                  fieldPath: "['a"
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].fieldPath: Invalid value: ['a: unexpected end of JSON path");
    }

    @Test
    void aNestedFieldPathReportsAtTheNestedMember() {
        CrdValidator v = CrdValidator.fromYaml(crd("""
                type: object
                properties:
                  a:
                    type: object
                    properties: {b: {type: string}}
                x-kubernetes-validations:
                - rule: "!has(self.a) || !has(self.a.b) || self.a.b != 'x'"
                  message: not x
                  fieldPath: .a.b
                """), "v1");
        assertThat(v.validate(dev.kgateway.sdk.model.BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {a: {b: x}}")))
                .extracting(x -> x.path() + ": " + x.message()).containsExactly("spec.a.b: Invalid value: not x");
    }

    @Test
    void aRuleIsTypeCheckedAgainstTheTypeTheSchemaGivesSelf() {
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: string
                x-kubernetes-validations:
                - rule: self.size() > 0
                - rule: self > 5
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("openAPIV3Schema.properties.spec.x-kubernetes-validations[1].rule: compilation failed: self > 5");
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: object
                additionalProperties: {type: string}
                x-kubernetes-validations:
                - rule: self.all(k, self[k] > 5)
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x-kubernetes-validations[0].rule: compilation failed");
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd("""
                type: array
                items: {type: boolean}
                x-kubernetes-validations:
                - rule: self.all(b, b > 5)
                """), "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x-kubernetes-validations[0].rule: compilation failed");
    }

    @Test
    void anIntOrStringOrUntypedSelfIsDynamic() {
        CrdValidator v = CrdValidator.fromYaml(crd("""
                type: object
                properties:
                  port:
                    x-kubernetes-int-or-string: true
                    x-kubernetes-validations:
                    - rule: "type(self) == string ? self != 'x' : self > 0"
                      message: bad port
                """), "v1");
        assertThat(v.validate(dev.kgateway.sdk.model.BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {port: 8080}"))).isEmpty();
        assertThat(v.validate(dev.kgateway.sdk.model.BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {port: http}"))).isEmpty();
        assertThat(v.validate(dev.kgateway.sdk.model.BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {port: x}")))
                .extracting(x -> x.path() + ": " + x.message()).containsExactly("spec.port: Invalid value: \"x\": bad port");
    }
}

package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.model.BackendJson;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Transition rules, defaults, pruning and the keywords the kgateway CRDs do not use, on a small test CRD. */
class SemanticsTest {

    private static final CrdValidator WIDGETS = CrdValidator.fromFile(Path.of("src/test/resources/widgets-crd.yaml"), "v1");

    private static JsonNode widget(String spec) {
        return BackendJson.yamlMapper().readTree("apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\nspec: " + spec);
    }

    private static List<String> create(String spec) {
        return WIDGETS.validate(widget(spec)).stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    private static List<String> update(String spec, String oldSpec) {
        return WIDGETS.validateUpdate(widget(spec), widget(oldSpec)).stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @Test
    void aTransitionRuleIsNotEvaluatedOnCreate() {
        assertThat(create("{size: 3}")).isEmpty();
    }

    @Test
    void aTransitionRuleFailsOnAnUpdateThatBreaksIt() {
        assertThat(update("{size: 2}", "{size: 3}")).containsExactly("spec: Invalid value: size may only grow");
        assertThat(update("{size: 4}", "{size: 3}")).isEmpty();
    }

    @Test
    void aTransitionRuleOnAMapListItemComparesWithTheItemOfTheSameKey() {
        assertThat(update("{ports: [{name: b, number: 80}, {name: a, number: 79}]}", "{ports: [{name: a, number: 80}, {name: b, number: 10}]}"))
                .containsExactly("spec.ports[1].number: Invalid value: 79: a port number may not decrease");
        assertThat(update("{ports: [{name: c, number: 1}]}", "{ports: [{name: a, number: 80}]}")).isEmpty();
    }

    @Test
    void anUnchangedInvalidMemberIsRatchetedOnUpdateAndAChangedOneIsNot() {
        assertThat(update("{size: 11, mode: ' Slow', tags: [a, a]}", "{size: 11, mode: ' Slow', tags: [a, a]}")).isEmpty();
        assertThat(update("{size: 11, mode: ' Slow', tags: [a, a]}", "{size: 11, mode: ' Fast', tags: [a, a]}"))
                .containsExactly("spec.mode: Invalid value: \" Slow\": no surrounding spaces");
        assertThat(create("{size: 11, mode: ' Slow', tags: [a, a]}")).hasSize(3);
    }

    @Test
    void aChangedParentsTransitionRuleRunsNextToUnchangedChildren() {
        assertThat(update("{ports: [{name: a, number: 80}], size: 2}", "{ports: [{name: a, number: 80}], size: 3}"))
                .containsExactly("spec: Invalid value: size may only grow");
    }

    @Test
    void anOptionalOldSelfRuleRunsOnCreateWithAnEmptyOldSelf() {
        assertThat(create("{mode: Fast}")).isEmpty();
        assertThat(update("{mode: Slow}", "{mode: Fast, frozen: true}")).containsExactly("spec: Invalid value: mode is frozen");
        assertThat(update("{mode: Slow}", "{mode: Fast}")).isEmpty();
    }

    @Test
    void messageExpressionReasonAndFieldPathShapeTheViolation() {
        assertThat(WIDGETS.validate(widget("{mode: Broken}"))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("spec.mode");
            assertThat(v.rule()).isEqualTo(ViolationTypes.FORBIDDEN);
            assertThat(v.message()).isEqualTo("Forbidden: mode Broken is not allowed");
        });
    }

    @Test
    void aRuleWithoutMessageReportsFailedRule() {
        assertThat(create("{tags: [ab, C]}")).containsExactly(
                "spec: Invalid value: failed rule: !has(self.tags) || self.tags.all(t, t.matches('^[a-z]+$'))");
    }

    @Test
    void aScalarRuleFailureQuotesTheValue() {
        assertThat(create("{mode: ' Fast'}")).containsExactly("spec.mode: Invalid value: \" Fast\": no surrounding spaces");
        assertThat(create("{url: 'not a url'}")).containsExactly("spec.url: Invalid value: \"not a url\": must be a URL");
        assertThat(create("{url: 'https://example.com:8443/x'}")).isEmpty();
    }

    @Test
    void defaultsAreAppliedToMissingMembersRecursively() {
        JsonNode stored = WIDGETS.withDefaults(widget("{ports: [{name: a}]}"));
        assertThat(stored.path("spec").path("size").asInt()).isEqualTo(1);
        assertThat(stored.path("spec").path("mode").asString()).isEqualTo("Fast");
        assertThat(stored.path("spec").path("ports").get(0).path("protocol").asString()).isEqualTo("TCP");
        assertThat(stored.path("spec").path("timeouts").path("connect").asString()).isEqualTo("5s");
        assertThat(stored.path("spec").path("timeouts").has("idle")).isFalse();
    }

    @Test
    void defaultsNeverReplaceAPresentValueButReplaceANonNullableNull() {
        JsonNode stored = WIDGETS.withDefaults(widget("{size: 5, mode: null, note: null}"));
        assertThat(stored.path("spec").path("size").asInt()).isEqualTo(5);
        assertThat(stored.path("spec").path("mode").asString()).isEqualTo("Fast");
        assertThat(stored.path("spec").get("note").isNull()).isTrue();
    }

    @Test
    void withDefaultsLeavesItsInputUnchanged() {
        JsonNode doc = widget("{}");
        JsonNode before = doc.deepCopy();
        WIDGETS.withDefaults(doc);
        assertThat(doc).isEqualTo(before);
    }

    @Test
    void pruningDropsUndeclaredMembersButKeepsPreservedOnesAndObjectMeta() {
        JsonNode doc = BackendJson.yamlMapper().readTree("""
                apiVersion: example.dev/v1
                kind: Widget
                metadata: {name: w, labels: {a: b}, bogus: 1}
                spec: {unknown: 1, extra: {known: k, anything: {deep: true}}, labels: {x: y}}
                """);
        assertThat(WIDGETS.validate(doc)).extracting(v -> v.path() + ": " + v.message()).containsExactlyInAnyOrder(
                "metadata.bogus: unknown field \"metadata.bogus\"",
                "spec.unknown: unknown field \"spec.unknown\"");
        JsonNode stored = WIDGETS.withDefaults(doc);
        assertThat(stored.path("spec").has("unknown")).isFalse();
        assertThat(stored.path("spec").path("extra").path("anything").path("deep").asBoolean()).isTrue();
        assertThat(stored.path("metadata").has("bogus")).isFalse();
        assertThat(stored.path("metadata").path("labels").path("a").asString()).isEqualTo("b");
    }

    @Test
    void listTypeSetAndMapRejectDuplicates() {
        assertThat(create("{tags: [a, b, a]}")).containsExactly("spec.tags[2]: Duplicate value: \"a\"");
        assertThat(create("{ports: [{name: a, number: 1}, {name: a, number: 2}]}"))
                .containsExactly("spec.ports[1]: Duplicate value: {\"name\":\"a\"}"); // the item's map keys only, as the server
    }

    @Test
    void intOrStringNullableFormatBoundsAndMaxProperties() {
        assertThat(create("{port: 80}")).isEmpty();
        assertThat(create("{port: http}")).isEmpty();
        assertThat(create("{port: true}")).containsExactly(
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"", KeywordsTest.NOT_CHECKED);
        assertThat(create("{note: null}")).isEmpty();
        assertThat(create("{created: '2024-01-31T12:00:00Z'}")).isEmpty();
        assertThat(create("{created: yesterday}")).containsExactly(
                "spec.created: Invalid value: \"yesterday\": spec.created in body must be of type date-time: \"yesterday\"", KeywordsTest.NOT_CHECKED);
        assertThat(create("{size: 0}")).containsExactly("spec.size: Invalid value: 0: spec.size in body should be greater than 0");
        assertThat(create("{size: 11}")).containsExactly(
                "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10");
    }

    @Test
    void statusIsIgnoredWhenItIsASubresource() {
        assertThat(WIDGETS.validate(BackendJson.yamlMapper().readTree(
                "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}\nstatus: {phase: 1}"))).isEmpty();
    }

    @Test
    void aRuleThatDoesNotCompileIsAnErrorNamingItsSchemaPath() {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: bad.example.dev}
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
                            - rule: self.size >
                """;
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd, "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openAPIV3Schema.properties.spec.x-kubernetes-validations[0].rule: compilation failed");
        assertThatThrownBy(() -> CrdValidator.fromYaml(crd, "v2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no version v2");
    }

    @Test
    void reservedWordsAndPunctuationInPropertyNamesAreEscapedAsKubeApiserverDoes() {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: esc.example.dev}
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
                            - rule: has(self.__namespace__) && self.__namespace__ == 'ns' && has(self.a__dash__b)
                              message: escaped
                            properties:
                              namespace: {type: string}
                              a-b: {type: string}
                """;
        CrdValidator v = CrdValidator.fromYaml(crd, "v1");
        assertThat(v.validate(BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {namespace: ns, a-b: x}"))).isEmpty();
        assertThat(v.validate(BackendJson.yamlMapper().readTree("metadata: {name: x}\nspec: {namespace: other, a-b: x}")))
                .extracting(x -> x.path() + ": " + x.message()).containsExactly("spec: Invalid value: escaped");
    }
}

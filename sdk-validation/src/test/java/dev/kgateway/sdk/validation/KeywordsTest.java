package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.Violation;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The structural keywords, formats and rule options that the kgateway CRDs do not use, on a small test
 * CRD ({@code keywords-crd.yaml}): each violation with kube-apiserver's path, cause and message.
 */
class KeywordsTest {

    /** kube-apiserver's cause after a blocking error (Required, NotSupported, TooLong, TooMany, TypeInvalid) of a CRD with CEL rules. */
    static final String NOT_CHECKED = "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid;"
            + " correct the existing errors to complete validation";

    /** Built per test, not once per class, so that a test also checks the compilation of the schema. */
    private final CrdValidator gadgets = CrdValidator.fromFile(Path.of("src/test/resources/keywords-crd.yaml"), "v1");

    private static JsonNode gadget(String spec) {
        return BackendJson.yamlMapper().readTree("apiVersion: example.dev/v1\nkind: Gadget\nmetadata: {name: g}\nspec: " + spec);
    }

    private List<String> create(String spec) {
        return gadgets.validate(gadget(spec)).stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @Test
    void multipleOfRejectsANonMultipleAndAcceptsAMultiple() {
        assertThat(create("{step: 7}")).containsExactly("spec.step: Invalid value: 7: spec.step in body should be a multiple of 5");
        assertThat(create("{step: 10}")).isEmpty();
        assertThat(create("{step: 0}")).isEmpty();
    }

    @Test
    void exclusiveMaximumRejectsTheBoundItself() {
        assertThat(create("{ratio: 1}")).containsExactly("spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1");
        assertThat(create("{ratio: 0.99}")).isEmpty();
    }

    @Test
    void aNumberMemberAcceptsIntegersAndFractionsButNotStrings() {
        assertThat(create("{ratio: 0}")).isEmpty();
        assertThat(create("{ratio: '0.5'}")).containsExactly(
                "spec.ratio: Invalid value: \"string\": spec.ratio in body must be of type number: \"string\"", NOT_CHECKED);
    }

    @Test
    void aFractionIsNotAnIntegerAndFailsTheIntegerRangeCheckAndTheOtherBounds() {
        assertThat(create("{step: 2.5}")).containsExactly(
                "spec.step: Invalid value: \"number\": spec.step in body must be of type integer: \"number\"",
                "<nil>: Invalid value: \"\": Checked value must be of type integer (default format) in spec.step",
                "spec.step: Invalid value: 2.5: spec.step in body should be a multiple of 5", NOT_CHECKED);
        assertThat(create("{step: 5.0}")).isEmpty();
    }

    @Test
    void minLengthAndMaxLengthCountCodePoints() {
        assertThat(create("{code: a}")).containsExactly("spec.code: Invalid value: \"a\": spec.code in body should be at least 2 chars long");
        assertThat(create("{code: ab}")).isEmpty();
        assertThat(create("{code: abc}")).isEmpty();
        assertThat(create("{code: abcd}")).containsExactly("spec.code: Too long: may not be more than 3 bytes", NOT_CHECKED);
        // three emoji: six UTF-16 chars, three code points
        assertThat(create("{code: \"\\U0001F600\\U0001F600\\U0001F600\"}")).isEmpty();
    }

    @Test
    void aNumericEnumMatchesEqualNumbersAndListsTheSupportedValues() {
        assertThat(create("{level: 2}")).isEmpty();
        assertThat(create("{level: 3}")).containsExactly("spec.level: Unsupported value: 3: supported values: \"1\", \"2\"", NOT_CHECKED);
    }

    @Test
    void uuidByteAndIpv4FormatsAreChecked() {
        assertThat(create("{id: 123e4567-e89b-12d3-a456-426614174000, blob: aGVsbG8=, ip: 10.0.255.1}")).isEmpty();
        assertThat(create("{id: 123e4567e89b12d3a456426614174000}")).isEmpty();
        assertThat(create("{id: not-a-uuid}")).containsExactly(
                "spec.id: Invalid value: \"not-a-uuid\": spec.id in body must be of type uuid: \"not-a-uuid\"", NOT_CHECKED);
        assertThat(create("{blob: '***'}")).containsExactly(
                "spec.blob: Invalid value: \"***\": spec.blob in body must be of type byte: \"***\"", NOT_CHECKED);
        assertThat(create("{ip: 10.0.256.1}")).containsExactly(
                "spec.ip: Invalid value: \"10.0.256.1\": spec.ip in body must be of type ipv4: \"10.0.256.1\"", NOT_CHECKED);
    }

    @Test
    void aFormatTheValidatorDoesNotKnowAcceptsAnyString() {
        assertThat(create("{other: '!! not a host !!'}")).isEmpty();
    }

    @Test
    void minItemsAndMaxItemsBoundAnArray() {
        assertThat(create("{items: []}")).containsExactly("spec.items: Invalid value: 0: spec.items in body should have at least 1 items");
        assertThat(create("{items: [a]}")).isEmpty();
        assertThat(create("{items: [a, b]}")).isEmpty();
        assertThat(create("{items: [a, b, c]}")).containsExactly("spec.items: Too many: 3: must have at most 2 items", NOT_CHECKED);
    }

    @Test
    void minPropertiesBoundsAMapAndItsValuesAreCheckedNamedAsMembers() {
        assertThat(create("{props: {}}")).containsExactly("spec.props: Invalid value: 0: spec.props in body should have at least 1 properties");
        assertThat(create("{props: {k: v}}")).isEmpty();
        assertThat(create("{props: {k: 1}}")).containsExactly(
                "spec.props.k: Invalid value: \"integer\": spec.props.k in body must be of type string: \"integer\"", NOT_CHECKED);
    }

    @Test
    void aNestedRequiredMemberIsReportedAtItsPath() {
        assertThat(create("{child: {}}")).containsExactly("spec.child.name: Required value", NOT_CHECKED);
        assertThat(gadgets.validate(gadget("{child: {}}"))).first().satisfies(v -> {
            assertThat(v.path()).isEqualTo("spec.child.name");
            assertThat(v.rule()).isEqualTo(ViolationTypes.REQUIRED);
            assertThat(v.message()).isEqualTo("Required value");
        });
        assertThat(create("{child: {name: n}}")).isEmpty();
    }

    @Test
    void aMissingRequiredTopLevelMemberIsReported() {
        JsonNode noSpec = BackendJson.yamlMapper().readTree("apiVersion: example.dev/v1\nkind: Gadget\nmetadata: {name: g}");
        assertThat(gadgets.validate(noSpec)).extracting(v -> v.path() + ": " + v.message()).containsExactly("spec: Required value", NOT_CHECKED);
    }

    @Test
    void aMissingMetadataIsReportedByTheServersNameRuleNotAsTheSchemasRequiredMember() {
        JsonNode bare = BackendJson.yamlMapper().readTree("apiVersion: example.dev/v1\nkind: Gadget\nspec: {}");
        assertThat(gadgets.validate(bare)).extracting(v -> v.path() + ": " + v.message())
                .containsExactly("metadata.name: Required value: name or generateName is required", NOT_CHECKED);
    }

    @Test
    void aRuleOnTheRootSchemaIsEvaluated() {
        assertThat(gadgets.validate(gadget("{code: zzz}"))).singleElement().satisfies(v -> {
            assertThat(v.path()).isEmpty();
            assertThat(v.message()).isEqualTo("Invalid value: code zzz is reserved");
        });
    }

    @Test
    void aDocumentThatIsNotAnObjectIsATypeErrorAtTheRoot() {
        assertThat(gadgets.validate(BackendJson.jsonMapper().readTree("[1]"))).first().satisfies(v -> {
            assertThat(v.path()).isEmpty();
            assertThat(v.rule()).isEqualTo(ViolationTypes.TYPE_INVALID);
            assertThat(v.message()).endsWith("must be of type object: \"array\"");
        });
    }

    @Test
    void aNullItemOfAnArrayIsATypeError() {
        assertThat(create("{items: [a, null]}")).containsExactly(
                "spec.items[1]: Invalid value: \"null\": spec.items[1] in body must be of type string: \"null\"", NOT_CHECKED);
    }

    @Test
    void anIntegralDecimalMatchesANumericEnum() {
        assertThat(create("{level: 2.0}")).isEmpty();
    }

    @Test
    void aDuplicateObjectInASetIsPrintedAsJson() {
        List<Violation> violations = gadgets.validate(gadget("{objectSet: [{a: x}, {a: x}]}"));
        assertThat(violations).extracting(v -> v.path() + ": " + v.message())
                .containsExactly("spec.objectSet[1]: Duplicate value: {\"a\":\"x\"}");
        assertThat(violations.get(0).value()).isEqualTo("{\"a\":\"x\"}");
    }

    @Test
    void anIntegerMemberIsACelIntEvenWrittenAsADecimal() {
        assertThat(create("{count: 4.0}")).isEmpty();
        assertThat(create("{count: 3}")).containsExactly("spec.count: Invalid value: 3: must be even");
    }

    @Test
    void aNumberMemberIsACelDoubleEvenWrittenAsAnInteger() {
        assertThat(create("{weight: 1}")).isEmpty();
        assertThat(create("{weight: 5}")).containsExactly("spec.weight: Invalid value: 5: too heavy");
    }

    @Test
    void numberItemsAndNumberMapValuesAreCelDoubles() {
        assertThat(create("{weights: [1, 2.5], scores: {a: 1, b: 2}}")).isEmpty();
        assertThat(create("{weights: [5, 5]}")).containsExactly("spec.weights: Invalid value: too heavy in sum");
        assertThat(create("{scores: {a: 5}}")).containsExactly("spec.scores: Invalid value: a score is too high");
    }

    @Test
    void aBooleanMemberIsACelBool() {
        assertThat(create("{enabled: true}")).isEmpty();
        assertThat(create("{enabled: false}")).containsExactly("spec.enabled: Invalid value: false: must be enabled");
    }

    @Test
    void aNullMemberIsCelNull() {
        assertThat(create("{withNote: {note: null}}")).isEmpty();
        assertThat(create("{withNote: {note: ''}}")).containsExactly("spec.withNote: Invalid value: note is empty");
    }

    @Test
    void findAllStopsAtItsLimitAndIsSortedAcceptsEqualNeighbours() {
        assertThat(create("{functions: {s: a1b2c3, l: [1, 1, 2]}}")).isEmpty();
        assertThat(create("{functions: {s: x9}}")).isEmpty(); // a limit of 0 finds nothing

        assertThat(create("{functions: {l: [2, 1]}}")).containsExactly("spec.functions: Invalid value: not sorted");
    }

    @Test
    void mapKeysReachCelUnescapedAndTheMapSizeCountsThem() {
        assertThat(create("{keyed: {a.b: x, c-d: y, e: z}}")).isEmpty();
        assertThat(create("{keyed: {a: x, b: y, c: z, d: w}}")).containsExactly("spec.keyed: Invalid value: at most 3 keys");
    }

    @Test
    void aMessageExpressionOfFiveKibibytesIsKeptAndALongerOneOrOneStartingWithANewlineIsNot() {
        String kept = "long" + "x".repeat(5 * 1024 - 4);
        assertThat(create("{messages: {v: " + kept + "}}")).containsExactly("spec.messages: Invalid value: " + kept);
        assertThat(create("{messages: {v: " + kept + "x}}")).containsExactly("spec.messages: Invalid value: static for long");
        assertThat(create("{messages: {v: \"\\nlong\"}}")).containsExactly("spec.messages: Invalid value: static for long");
    }

    private List<String> update(String spec, String oldSpec) {
        return gadgets.validateUpdate(gadget(spec), gadget(oldSpec)).stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @Test
    void aTransitionRuleStillRunsOnAnUnchangedMemberInsideRatchetedObjectsMapsAndMapLists() {
        String old = "{ratchet: {inner: {phase: stuck}, byKey: {k: stuck}, mapList: [{name: a, phase: stuck}]}}";
        assertThat(update(old, old)).containsExactly(
                "spec.ratchet.inner.phase: Invalid value: \"stuck\": stuck must change",
                "spec.ratchet.byKey[k]: Invalid value: \"stuck\": stuck must change",
                "spec.ratchet.mapList[0].phase: Invalid value: \"stuck\": stuck must change");
        assertThat(update("{ratchet: {inner: {phase: moving}}}", "{ratchet: {inner: {phase: stuck}}}")).isEmpty();
    }

    @Test
    void itemsOfAnAtomicListHaveNoOldSelf() {
        String old = "{ratchet: {atomicList: [{phase: stuck}]}}";
        assertThat(update(old, old)).isEmpty();
        assertThat(update("{ratchet: {atomicList: [{phase: stuck}, {phase: new}]}}", old)).isEmpty();
    }

    @Test
    void aNullForANonNullableMemberIsATypeError() {
        assertThat(gadgets.validateUpdate(gadget("{code: null}"), gadget("{code: ab}")))
                .extracting(v -> v.path() + ": " + v.message()).isEmpty(); // pruned before validation, as the server does
        assertThat(create("{child: {name: null}}")).containsExactly("spec.child.name: Required value", NOT_CHECKED);
    }

    @Test
    void theReasonFieldValueRequiredAndDuplicateShapeTheViolation() {
        // an object's value is left out of the message (field.OmitValueType), as for any rule on an object
        List<Violation> violations = gadgets.validate(gadget("{needs: {b: dup}}"));
        assertThat(violations).extracting(Violation::path, Violation::rule, Violation::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.needs.a", ViolationTypes.REQUIRED, "Required value: a is needed"),
                org.assertj.core.groups.Tuple.tuple("spec.needs.b", ViolationTypes.DUPLICATE, "Duplicate value"));
    }

    @Test
    void aBlankMultiLineOrFailingMessageExpressionFallsBackToTheMessage() {
        assertThat(create("{messages: {v: blank}}")).containsExactly("spec.messages: Invalid value: static for blank");
        assertThat(create("{messages: {v: lines}}")).containsExactly("spec.messages: Invalid value: static for lines");
        assertThat(create("{messages: {v: fails}}")).containsExactly("spec.messages: Invalid value: static for fails");
    }

    @Test
    void aMessageExpressionsValueIsStripped() {
        assertThat(create("{messages: {v: padded}}")).containsExactly("spec.messages: Invalid value: padded value");
    }

    @Test
    void aRuleReadingAMissingMemberIsAnEvaluationErrorInCelGosWords() {
        assertThat(create("{lookup: {}}")).containsExactly("spec.lookup: Invalid value: \"object\": no such key: w evaluating rule: w must be x");
        assertThat(create("{lookup: {w: x}}")).isEmpty();
    }

    @Test
    void aBracketedFieldPathReportsUnderTheMapKey() {
        assertThat(create("{keyed: {a.b: bad}}")).containsExactly("spec.keyed[a.b]: Invalid value: no bad a.b");
        assertThat(create("{keyed: {a.b: good}}")).isEmpty();
    }
}

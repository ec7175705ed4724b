package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.model.Violation;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How the differential suite compares one answer of the server with the validator's violations. */
class AgreementTest {

    private static DryRunServer.Answer refused(DryRunServer.Cause... causes) {
        return new DryRunServer.Answer(422, "Invalid", "", List.of(causes), List.of());
    }

    @Test
    void theSameCausesInAnotherOrderAgree() {
        Agreement.Outcome o = Agreement.compare("c", refused(new DryRunServer.Cause("spec.a", "FieldValueRequired", "Required value"),
                new DryRunServer.Cause("spec.b", "FieldValueRequired", "Required value")),
                List.of(new Violation("spec.b", "FieldValueRequired", "Required value", null),
                        new Violation("spec.a", "FieldValueRequired", "Required value", null)));
        assertThat(o.agrees()).isTrue();
    }

    @Test
    void anotherReasonOnTheSameFieldDisagreesOnReasonNotOnField() {
        Agreement.Outcome o = Agreement.compare("c", refused(new DryRunServer.Cause("spec.a", "FieldValueInvalid", "Invalid value: 1")),
                List.of(new Violation("spec.a", "FieldValueTypeInvalid", "Invalid value: 1", null)));
        assertThat(o.field()).isTrue();
        assertThat(o.reason()).isFalse();
        assertThat(o.agrees()).isFalse();
    }

    @Test
    void prunedMembersAreComparedWithTheServersWarningsNotItsCauses() {
        DryRunServer.Answer accepted = new DryRunServer.Answer(201, "", "", List.of(), List.of("unknown field \"spec.x\""));
        Agreement.Outcome o = Agreement.compare("c", accepted,
                List.of(new Violation("spec.x", ViolationTypes.PRUNED, "unknown field \"spec.x\"", null)));
        assertThat(o.accept()).isTrue();
        assertThat(o.pruned()).isTrue();
        assertThat(Agreement.compare("c", accepted, List.of()).pruned()).isFalse();
    }

    @Test
    void aMessageThatDiffersOnlyByACharacterJava17DoesNotKnowStillAgrees() {
        // U+08B5 is Unicode 14: Go prints it, Java 17 calls it unassigned and the validator escapes it
        Agreement.Outcome o = Agreement.compare("c", refused(new DryRunServer.Cause("spec.a", "FieldValueInvalid", "Invalid value: \"\u08b5\"")),
                List.of(new Violation("spec.a", "FieldValueInvalid", "Invalid value: \"\\u08b5\"", null)));
        assertThat(o.message()).isFalse();
        assertThat(o.agrees()).isTrue();
    }

    @Test
    void anyOtherMessageDifferenceDisagrees() {
        Agreement.Outcome o = Agreement.compare("c", refused(new DryRunServer.Cause("spec.a", "FieldValueInvalid", "Invalid value: \"\u00a0\"")),
                List.of(new Violation("spec.a", "FieldValueInvalid", "Invalid value: \"\\u00a0\"", null)));
        assertThat(o.agrees()).isFalse();
    }
}

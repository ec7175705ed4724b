package dev.kgateway.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The read and validation errors, and the parts of a selective read, as values. */
class ErrorValuesTest {

    @Test
    void anInvalidBackendMessageCountsAndListsEveryViolation() {
        Violation one = new Violation("spec.type", "required", "is required", null);
        Violation two = new Violation("spec.static.hosts[0].port", "maximum", "must be <= 65535", "70000");

        assertThat(new InvalidBackendException(List.of(one))).hasMessage("Backend is invalid (1 violation):\n  - " + one);
        assertThat(new InvalidBackendException(List.of(one, two)).getMessage())
                .isEqualTo("Backend is invalid (2 violations):\n  - " + one + "\n  - " + two);
    }

    @Test
    void anInvalidBackendKeepsACopyOfItsViolations() {
        List<Violation> violations = new ArrayList<>(List.of(new Violation("p", "r", "m", null)));
        InvalidBackendException e = new InvalidBackendException("custom", violations);
        violations.clear();

        assertThat(e).hasMessage("custom");
        assertThat(e.getViolations()).hasSize(1);
    }

    @Test
    void aReadErrorWithoutPathHasAnEmptyPath() {
        assertThat(new BackendReadException("bad", null).getPath()).isEmpty();
        assertThat(new BackendReadException("bad", "spec.type").getPath()).isEqualTo("spec.type");
        assertThat(new BackendReadException("bad", "spec.type")).hasMessage("bad").isInstanceOf(dev.kgateway.sdk.KgatewayException.class);
    }

    @Test
    void aSkippedDocumentPrintsWhatItKnows() {
        assertThat(new SkippedDocument(2, null, null, null, null, "not a Backend")).hasToString("document 2: not a Backend");
        assertThat(new SkippedDocument(0, 3, "v1", "ConfigMap", "cm", "not a Backend"))
                .hasToString("document 0, item 3 (v1 ConfigMap 'cm'): not a Backend");
        assertThat(new SkippedDocument(1, null, null, "Gateway", null, "other kind")).hasToString("document 1 (Gateway): other kind");
        assertThat(new SkippedDocument(1, null, null, null, "n", "x")).hasToString("document 1 ('n'): x");
    }

    @Test
    void aSelectionCopiesItsLists() {
        List<SkippedDocument> skipped = new ArrayList<>(List.of(new SkippedDocument(0, null, null, null, null, "r")));
        BackendSelection selection = new BackendSelection(List.of(), skipped);
        skipped.clear();

        assertThat(selection.skipped()).hasSize(1);
    }
}

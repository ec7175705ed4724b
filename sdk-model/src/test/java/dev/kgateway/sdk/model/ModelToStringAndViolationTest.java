package dev.kgateway.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How model values and violations print: empty members left out, secrets redacted, long values cut. */
class ModelToStringAndViolationTest {

    @Test
    void nullAndEmptyMembersAreLeftOutAndTheRestSeparatedByCommas() {
        String s = new ModelToString("Host").add("host", "h").add("none", null).add("list", List.of())
                .add("map", Map.of()).add("port", 80).add("tags", List.of("a")).toString();
        assertThat(s).isEqualTo("Host{host=h, port=80, tags=[a]}");
    }

    @Test
    void anEmptyValuePrintsTheTypeNameAlone() {
        assertThat(new ModelToString("Empty").add("a", null).names("unknown", Map.of()).secret("token", null))
                .hasToString("Empty{}");
    }

    @Test
    void unknownMembersPrintByNameOnly() {
        assertThat(new ModelToString("Spec").add("type", "AWS").names("unknown", Map.of("future", "s3cr3t")))
                .hasToString("Spec{type=AWS, unknown=[future]}");
    }

    @Test
    void aSecretIsRedacted() {
        assertThat(new ModelToString("Auth").secret("inline", "s3cr3t").add("kind", "Bearer"))
                .hasToString("Auth{inline=<redacted>, kind=Bearer}");
    }

    @Test
    void aViolationValueOfEightyCharactersIsKeptAndALongerOneCut() {
        String eighty = "v".repeat(80);
        assertThat(new Violation("p", "r", "m", eighty).value()).isEqualTo(eighty);
        assertThat(new Violation("p", "r", "m", eighty + "w").value()).isEqualTo(eighty + "... (81 chars)");
    }

    @Test
    void aViolationPrintsPathRuleMessageAndValueWhenThereIsOne() {
        assertThat(new Violation("spec.port", "maximum", "must be <= 65535", "70000"))
                .hasToString("spec.port: maximum: must be <= 65535 (was \"70000\")");
        assertThat(new Violation("spec.type", "required", "is required", null)).hasToString("spec.type: required: is required");
    }

    @Test
    void aViolationNeedsPathRuleAndMessage() {
        assertThatThrownBy(() -> new Violation(null, "r", "m", null)).isInstanceOf(NullPointerException.class).hasMessage("path");
        assertThatThrownBy(() -> new Violation("p", null, "m", null)).isInstanceOf(NullPointerException.class).hasMessage("rule");
        assertThatThrownBy(() -> new Violation("p", "r", null, null)).isInstanceOf(NullPointerException.class).hasMessage("message");
    }
}

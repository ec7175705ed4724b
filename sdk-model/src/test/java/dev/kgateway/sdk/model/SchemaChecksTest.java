package dev.kgateway.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The checks the generated {@code validate()} methods call: each one's bound (the value at the bound
 * passes, one past it fails), path, rule name, message and reported value.
 */
class SchemaChecksTest {

    private final List<Violation> out = new ArrayList<>();

    private Violation only() {
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void pathsJoinMembersIndexesAndQuotedKeys() {
        assertThat(SchemaChecks.child("", "spec")).isEqualTo("spec");
        assertThat(SchemaChecks.child("spec", "aws")).isEqualTo("spec.aws");
        assertThat(SchemaChecks.index("spec.hosts", 2)).isEqualTo("spec.hosts[2]");
        assertThat(SchemaChecks.key("metadata.labels", "it's")).isEqualTo("metadata.labels['it\\'s']");
    }

    @Test
    void missingIsARequiredViolationWithoutValue() {
        SchemaChecks.missing(out, "spec.type");
        SchemaChecks.missing(out, "spec.aws", "is required when type is AWS");
        assertThat(out).containsExactly(new Violation("spec.type", "required", "is required", null),
                new Violation("spec.aws", "required", "is required when type is AWS", null));
    }

    @Test
    void anExactlyOneUnionWantsOneBlock() {
        String[] blocks = {"a", "b", "c"};
        SchemaChecks.unionCount(out, "spec", true, blocks, false, true, false);
        assertThat(out).isEmpty();
        SchemaChecks.unionCount(out, "spec", true, blocks, false, false, false);
        assertThat(only()).isEqualTo(new Violation("spec", "union", "exactly one of a, b, c must be set", null));
        out.clear();
        SchemaChecks.unionCount(out, "spec", true, blocks, true, false, true);
        assertThat(only()).isEqualTo(new Violation("spec", "union", "exactly one of a, b, c must be set", "a, c"));
    }

    @Test
    void anAtMostOneUnionAcceptsNoBlockButNotTwo() {
        String[] blocks = {"a", "b"};
        SchemaChecks.unionCount(out, "spec", false, blocks, false, false);
        SchemaChecks.unionCount(out, "spec", false, blocks, true, false);
        assertThat(out).isEmpty();
        SchemaChecks.unionCount(out, "spec", false, blocks, true, true);
        assertThat(only()).isEqualTo(new Violation("spec", "union", "at most one of a, b must be set", "a, b"));
    }

    @Test
    void lengthsCountCodePointsAndTheBoundPasses() {
        String twoEmoji = "\uD83D\uDE00\uD83D\uDE00"; // four chars, two code points
        SchemaChecks.minLength(out, "p", "ab", 2);
        SchemaChecks.maxLength(out, "p", "ab", 2);
        SchemaChecks.maxLength(out, "p", twoEmoji, 2);
        assertThat(out).isEmpty();
        SchemaChecks.minLength(out, "p", "a", 2);
        SchemaChecks.maxLength(out, "p", "abc", 2);
        assertThat(out).containsExactly(new Violation("p", "minLength", "must be at least 2 characters", "a"),
                new Violation("p", "maxLength", "must be at most 2 characters", "abc"));
    }

    @Test
    void aMinimumLengthOfOneSaysNotEmpty() {
        SchemaChecks.minLength(out, "p", "", 1);
        assertThat(only()).isEqualTo(new Violation("p", "minLength", "must not be empty", ""));
    }

    @Test
    void patternsFindAMatchAnywhereUnlessAnchored() {
        SchemaChecks.pattern(out, "p", "xaby", Pattern.compile("ab"), "ab");
        SchemaChecks.keyPattern(out, "p", "xaby", Pattern.compile("ab"), "ab");
        assertThat(out).isEmpty();
        SchemaChecks.pattern(out, "p", "xy", Pattern.compile("^ab$"), "^ab$");
        SchemaChecks.keyPattern(out, "p", "k y", Pattern.compile("^\\S+$"), "^\\S+$");
        assertThat(out).containsExactly(new Violation("p", "pattern", "must match ^ab$", "xy"),
                new Violation("p", "propertyNames", "key must match ^\\S+$", "k y"));
    }

    @Test
    void aKeyLongerThanItsMaximumIsReported() {
        SchemaChecks.keyMaxLength(out, "p", "abc", 3);
        assertThat(out).isEmpty();
        SchemaChecks.keyMaxLength(out, "p", "abcd", 3);
        assertThat(only()).isEqualTo(new Violation("p", "propertyNames", "key must be at most 3 characters", "abcd"));
    }

    private String qualifiedNameProblem(String key) {
        out.clear();
        SchemaChecks.qualifiedName(out, "p", key);
        return out.isEmpty() ? null : only().message().replace("key must be a qualified name ([prefix/]name): ", "");
    }

    @Test
    void qualifiedNamesAreCheckedAsKubernetesLabelKeys() {
        assertThat(qualifiedNameProblem("app")).isNull();
        assertThat(qualifiedNameProblem("app.kubernetes.io/name")).isNull();
        assertThat(qualifiedNameProblem("a".repeat(63))).isNull();
        assertThat(qualifiedNameProblem("a".repeat(253) + "/x")).isNull();
        assertThat(qualifiedNameProblem("/x")).isEqualTo("the prefix before '/' must not be empty");
        assertThat(qualifiedNameProblem("a".repeat(254) + "/x")).isEqualTo("the prefix must be at most 253 characters");
        assertThat(qualifiedNameProblem("Upper.io/x")).isEqualTo("the prefix must be a DNS subdomain (lower-case alphanumerics, '-' and '.')");
        assertThat(qualifiedNameProblem("a/b/c")).isEqualTo("at most one '/' separates prefix and name");
        assertThat(qualifiedNameProblem("a.io/")).isEqualTo("the name must not be empty");
        assertThat(qualifiedNameProblem("")).isEqualTo("the name must not be empty");
        assertThat(qualifiedNameProblem("a".repeat(64))).isEqualTo("the name must be at most 63 characters");
        assertThat(qualifiedNameProblem("-a")).isEqualTo("the name must be alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
    }

    @Test
    void aQualifiedNameViolationReportsTheKey() {
        SchemaChecks.qualifiedName(out, "metadata.labels", "a/b/c");
        assertThat(only()).isEqualTo(new Violation("metadata.labels", "propertyNames",
                "key must be a qualified name ([prefix/]name): at most one '/' separates prefix and name", "a/b/c"));
    }

    @Test
    void dateTimesMustBeRfc3339() {
        SchemaChecks.dateTime(out, "p", "2024-01-31T12:00:00Z");
        SchemaChecks.dateTime(out, "p", "2024-01-31T12:00:00.5+02:00");
        assertThat(out).isEmpty();
        SchemaChecks.dateTime(out, "p", "2024-01-31");
        assertThat(only()).isEqualTo(new Violation("p", "format", "must be an RFC 3339 date-time such as 2024-01-31T12:00:00Z", "2024-01-31"));
    }

    @Test
    void inclusiveBoundsAcceptTheBound() {
        SchemaChecks.minimum(out, "p", 1, 1);
        SchemaChecks.maximum(out, "p", 65535, 65535);
        assertThat(out).isEmpty();
        SchemaChecks.minimum(out, "p", 0, 1);
        SchemaChecks.maximum(out, "p", 65536L, 65535);
        assertThat(out).containsExactly(new Violation("p", "minimum", "must be >= 1", "0"),
                new Violation("p", "maximum", "must be <= 65535", "65536"));
    }

    @Test
    void exclusiveBoundsRejectTheBound() {
        SchemaChecks.exclusiveMinimum(out, "p", 0.5, 0);
        SchemaChecks.exclusiveMaximum(out, "p", 0.5, 1);
        assertThat(out).isEmpty();
        SchemaChecks.exclusiveMinimum(out, "p", 0, 0);
        SchemaChecks.exclusiveMaximum(out, "p", 1.0, 1);
        assertThat(out).containsExactly(new Violation("p", "exclusiveMinimum", "must be > 0", "0"),
                new Violation("p", "exclusiveMaximum", "must be < 1", "1.0"));
    }

    @Test
    void fractionalAndHugeBoundsPrintAsDoubles() {
        SchemaChecks.minimum(out, "p", 0, 0.5);
        SchemaChecks.maximum(out, "p", 2e15, 1e15);
        SchemaChecks.maximum(out, "p", 0, -1);
        assertThat(out).extracting(Violation::message).containsExactly("must be >= 0.5", "must be <= 1.0E15", "must be <= -1");
    }

    @Test
    void itemCountsAcceptTheBound() {
        SchemaChecks.minItems(out, "p", List.of(1), 1);
        SchemaChecks.maxItems(out, "p", List.of(1, 2), 2);
        assertThat(out).isEmpty();
        SchemaChecks.minItems(out, "p", List.of(), 1);
        SchemaChecks.minItems(out, "p", List.of(1), 2);
        SchemaChecks.maxItems(out, "p", List.of(1, 2, 3), 2);
        assertThat(out).containsExactly(new Violation("p", "minItems", "must have at least 1 item", "0"),
                new Violation("p", "minItems", "must have at least 2 items", "1"),
                new Violation("p", "maxItems", "must have at most 2 items", "3"));
    }

    @Test
    void entryCountsAcceptTheBound() {
        SchemaChecks.minProperties(out, "p", Map.of("a", 1), 1);
        SchemaChecks.maxProperties(out, "p", Map.of("a", 1, "b", 2), 2);
        assertThat(out).isEmpty();
        SchemaChecks.minProperties(out, "p", Map.of(), 1);
        SchemaChecks.maxProperties(out, "p", Map.of("a", 1, "b", 2, "c", 3), 2);
        assertThat(out).containsExactly(new Violation("p", "minProperties", "must have at least 1 entries", "0"),
                new Violation("p", "maxProperties", "must have at most 2 entries", "3"));
    }

    @Test
    void anUnknownEnumValueIsReportedWithTheKnownOnes() {
        SchemaChecks.knownEnum(out, "spec.type", BackendType.AWS, List.of(BackendType.AWS));
        assertThat(out).isEmpty();
        SchemaChecks.knownEnum(out, "spec.type", BackendType.of("Quantum"), List.of(BackendType.AWS, BackendType.AI));
        assertThat(only()).isEqualTo(new Violation("spec.type", "enum", "must be one of [AWS, AI]", "Quantum"));
    }

    @Test
    void aConstantMustBeEqual() {
        SchemaChecks.constant(out, "kind", "Backend", "Backend");
        assertThat(out).isEmpty();
        SchemaChecks.constant(out, "kind", "Gateway", "Backend");
        assertThat(only()).isEqualTo(new Violation("kind", "const", "must be Backend", "Gateway"));
    }

    @Test
    void oneOfComparesWithEveryCandidate() {
        assertThat(SchemaChecks.oneOf("b", "a", "b")).isTrue();
        assertThat(SchemaChecks.oneOf("c", "a", "b")).isFalse();
        assertThat(SchemaChecks.oneOf("a")).isFalse();
    }

    @Test
    void anUnknownMemberNamedLikeADeclaredOneIsRefused() {
        SchemaChecks.rejectDeclaredNames("StaticHost", Map.of(), "host", "port");
        SchemaChecks.rejectDeclaredNames("StaticHost", Map.of("future", 1), "host", "port");
        assertThatThrownBy(() -> SchemaChecks.rejectDeclaredNames("StaticHost", Map.of("port", 1), "host", "port"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unknown member 'port' of StaticHost is a declared member of StaticHost: set it with its builder method, not as an unknown member");
    }

    @Test
    void aDiscriminatedUnionMemberIsRequiredWhenSelectedAndForbiddenOtherwise() {
        SchemaChecks.unionMember(out, "spec", "type", "AWS", "aws", true, true);
        SchemaChecks.unionMember(out, "spec", "type", "AWS", "static", false, false);
        assertThat(out).isEmpty();
        SchemaChecks.unionMember(out, "spec", "type", "AWS", "aws", true, false);
        SchemaChecks.unionMember(out, "spec", "type", "AWS", "static", false, true);
        assertThat(out).containsExactly(new Violation("spec.aws", "union", "is required when type is AWS", null),
                new Violation("spec.static", "union", "must not be set when type is AWS", null));
    }
}

package dev.kgateway.sdk.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every string the YAML writer leaves plain (unquoted) reads back as that string in YAML 1.1 readers
 * (PyYAML, Go's yaml.v2 behind kubectl) and YAML 1.2 ones. The check is a resolver written here from
 * the YAML 1.1 type repository's regular expressions (yaml.org/type: bool, int, float, null,
 * timestamp, merge, value) and the YAML 1.2 core schema's; the writer's own check is separate code.
 */
class YamlQuotingTest {

    /** The YAML 1.1 type repository's implicit resolvers (timestamp: PyYAML's form, which allows blanks before a zone). */
    private static final Map<String, Pattern> YAML_1_1 = Map.of(
            "bool", Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
            "int", Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"),
            "float", Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"),
            "null", Pattern.compile("~|null|Null|NULL|"),
            "timestamp", Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?"
                    + "(([ \\t]*)(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?"),
            "merge", Pattern.compile("<<"),
            "value", Pattern.compile("="));

    /** The YAML 1.2 core schema's resolvers. */
    private static final Map<String, Pattern> YAML_1_2 = Map.of(
            "null", Pattern.compile("null|Null|NULL|~|"),
            "bool", Pattern.compile("true|True|TRUE|false|False|FALSE"),
            "int", Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"),
            "float", Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN"));

    /** The type a plain scalar resolves to, or {@code "str"}. */
    static String resolve(Map<String, Pattern> resolvers, String plain) {
        for (Map.Entry<String, Pattern> resolver : resolvers.entrySet()) {
            if (resolver.getValue().matcher(plain).matches()) {
                return resolver.getKey();
            }
        }
        return "str";
    }

    /** The issue's list, and the other forms each YAML 1.1 type takes. */
    private static final List<String> AMBIGUOUS = List.of(
            "2024-06-01", "2025-05-01T10:00:00Z", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2002-12-14",
            "0x1F", "1_000", "0b101", "0o17", "1:20", "190:20:30", "190:20:30.15", "0777", "+1", "-0", ".5", "1e3", "1.0e+3", "6.8523015e+5",
            "685.230_15e+03", "685_230.15", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1.", "-.", ".",
            "yes", "Yes", "YES", "no", "NO", "on", "On", "ON", "off", "OFF", "y", "Y", "n", "N", "true", "False", "~", "null", "Null", "NULL",
            "", "<<", "=", "123456789012", "000000000000", "0", "1", "-1");

    private static Backend carrying(String text) {
        return Backend.builder()
                .apiVersion(Backend.API_VERSION).kind(Backend.KIND)
                .metadata(m -> m.name(text).putLabels(text, text).putAnnotations("note", text))
                .putAdditionalProperties(text.isEmpty() ? "empty" : "x" + text, JsonNodeFactory.instance.stringNode(text))
                .build();
    }

    /** Every plain scalar of the YAML, which must all be strings: the Backends here hold nothing else. */
    private static List<String> plainScalars(String yaml) {
        List<String> out = new ArrayList<>();
        for (Event event : new Parse(LoadSettings.builder().build()).parseString(yaml)) {
            if (event instanceof ScalarEvent scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN) {
                out.add(scalar.getValue());
            }
        }
        return out;
    }

    private static void assertEveryPlainScalarIsAString(String text) {
        Backend backend = carrying(text);
        String yaml = BackendJson.toYaml(backend);

        for (String plain : plainScalars(yaml)) {
            assertThat(resolve(YAML_1_1, plain)).as("YAML 1.1 type of plain %s in%n%s", plain, yaml).isEqualTo("str");
            assertThat(resolve(YAML_1_2, plain)).as("YAML 1.2 type of plain %s in%n%s", plain, yaml).isEqualTo("str");
        }
        assertThat(BackendJson.fromYaml(yaml)).isEqualTo(backend);
    }

    @Example
    void everyAmbiguousStringOfTheIssueIsQuotedAsValueAndAsName() {
        for (String text : AMBIGUOUS) {
            assertEveryPlainScalarIsAString(text);
            assertThat(BackendJsonYamlQuoting.resolvesToAnotherType(text)).as(text).isTrue();
        }
    }

    @Example
    void stringsStartingWithAUnicodeLineOrParagraphSeparatorComeBackAsWritten() {
        for (String text : List.of("\u2028", "\u2029", "\u2028x", "\u2029x", "\u0085")) {
            Backend backend = carrying(text);

            assertThat(BackendJson.fromYaml(BackendJson.toYaml(backend))).as("U+%04X", (int) text.charAt(0)).isEqualTo(backend);
        }
    }

    @Example
    void azureApiVersionIsWrittenQuoted() {
        String yaml = BackendJson.toYaml(carrying("2024-06-01"));

        assertThat(yaml).contains("name: \"2024-06-01\"").contains("\"2024-06-01\": \"2024-06-01\"");
    }

    @Example
    void resolverOfThisTestKnowsEachYaml11Type() {
        // the check above is only as good as this resolver: one sample per type
        assertThat(List.of("yes", "0x1F", "1:20", ".5", "~", "2024-06-01", "<<", "=", "web").stream().map(s -> resolve(YAML_1_1, s)))
                .containsExactly("bool", "int", "int", "float", "null", "timestamp", "merge", "value", "str");
        assertThat(List.of("1e3", "0o17", "true", "null", "yes").stream().map(s -> resolve(YAML_1_2, s)))
                .containsExactly("float", "int", "bool", "null", "str");
    }

    @Example
    void ordinaryStringsStayPlain() {
        String yaml = BackendJson.toYaml(carrying("web-1.internal"));

        assertThat(yaml).contains("name: web-1.internal").contains("web-1.internal: web-1.internal");
        for (String plain : List.of("v1.2.3", "eu-west-1", "gpt-4o", "yes-please", "0xZZ", "1_000x", "web.internal", "arn:aws:iam::1:role/r")) {
            assertThat(BackendJsonYamlQuoting.resolvesToAnotherType(plain)).as(plain).isFalse();
        }
    }

    @Example
    void dottedNumbersAreQuotedAsTheYaml11FloatExpressionReadsThemAsFloats() {
        // yaml.org/type/float's expression [-+]?([0-9][0-9_]*)?\.[0-9.]* matches an IPv4 address or a
        // version (PyYAML's narrower one does not): quoting them is harmless, reading them as floats is not
        for (String text : List.of("10.0.0.1", "1.2.3")) {
            assertThat(resolve(YAML_1_1, text)).isEqualTo("float");
            assertThat(BackendJson.toYaml(carrying(text))).contains("name: \"" + text + "\"");
        }
    }

    @Provide
    Arbitrary<String> yamlLookalikes() {
        Arbitrary<String> numberish = Arbitraries.strings().withChars("0123456789-+._:eExXoObBaAfF").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> dates = Arbitraries.strings().withChars("0123456789-:.tTzZ +").ofMinLength(8).ofMaxLength(30);
        Arbitrary<String> words = Arbitraries.of("y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ".inf", ".nan", "<<", "=")
                .flatMap(w -> Arbitraries.integers().between(0, (1 << w.length()) - 1).map(mask -> mixedCase(w, mask)));
        Arbitrary<String> signed = Arbitraries.of("", "+", "-").flatMap(sign -> numberish.map(n -> sign + n));
        return Arbitraries.oneOf(numberish, dates, words, signed, Arbitraries.of(AMBIGUOUS), Arbitraries.strings().ofMaxLength(20));
    }

    private static String mixedCase(String word, int mask) {
        StringBuilder out = new StringBuilder(word);
        for (int i = 0; i < word.length(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.setCharAt(i, Character.toUpperCase(word.charAt(i)));
            }
        }
        return out.toString();
    }

    @Property(tries = 3000)
    void everyStringSurvivesAYaml11AndAYaml12Reader(@ForAll("yamlLookalikes") String text) {
        assertEveryPlainScalarIsAString(text);
    }
}

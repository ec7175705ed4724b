package dev.kgateway.sdk.model;

import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which strings the YAML writer quotes: every string that a common YAML reader would
 * resolve, written plain, to something other than that string.
 *
 * <p>Jackson's default check knows YAML 1.2's words and plain decimal numbers, but YAML 1.1 readers
 * (PyYAML, Go's yaml.v2 behind kubectl and Helm) also resolve dates ({@code 2024-06-01}, Azure's real
 * {@code apiVersion}), timestamps, hexadecimal, octal and binary integers, digit separators
 * ({@code 1_000}), sexagesimal numbers ({@code 1:20}), {@code yes}/{@code no}/{@code on}/{@code off}/
 * {@code y}/{@code n}, {@code .inf} and the merge key {@code <<}. A plain scalar is written only when
 * none of the YAML 1.1 type repository's resolvers (bool, int, float, null, timestamp, merge, value),
 * YAML 1.2's core schema, nor Go's number parsing would take it for another type; the checks are
 * deliberately broader than each reader (case-insensitive words, any sign), since quoting a string
 * never changes what it reads back as.
 */
final class BackendJsonYamlQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    /** Words a YAML 1.1 or 1.2 reader resolves to a boolean or null, compared case-insensitively. */
    private static final Set<String> WORDS = Set.of(
            "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "<<", "=");

    /**
     * Starts of what some reader takes for a number or a date: an optional sign, then a digit or a
     * dot. Only such strings need the regular expressions below.
     */
    private static final Pattern NUMBER_LIKE_START = Pattern.compile("[-+]?[0-9.].*", Pattern.DOTALL);

    /**
     * YAML 1.1 int (binary, octal, decimal, hexadecimal, sexagesimal, with {@code _} separators), YAML
     * 1.2 core int ({@code 0o17}), and Go's {@code strconv.ParseInt} with base 0 ({@code 0b}, {@code 0o},
     * {@code 0x}, {@code _}), each with an optional sign.
     */
    private static final Pattern INT = Pattern.compile(
            "[-+]?(0[bB][01_]+|0[oO]?[0-7_]+|[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+)");

    /**
     * YAML 1.1 float (a dot, {@code _} separators, sexagesimal, {@code .inf}, {@code .nan}), YAML 1.2
     * core float ({@code 1e3}, no dot needed), and Go's {@code strconv.ParseFloat} (hexadecimal
     * floats such as {@code 0x1p-2}).
     */
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?([0-9][0-9_]*)?\\.[0-9_.]*([eE][-+]?[0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?i:inf|nan)"
                    + "|[-+]?0[xX][0-9a-fA-F_]*\\.?[0-9a-fA-F_]*[pP][-+]?[0-9]+");

    /** YAML 1.1 timestamp: a date, or a date and time with optional fraction and zone. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                    + "([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?"
                    + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}");

    @Override
    public boolean needToQuoteName(String name) {
        // a YAML 1.1 reader takes the key "on" for the boolean true: quote names like values
        return super.needToQuoteName(name) || hasLineBreakLike(name) || resolvesToAnotherType(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return super.needToQuoteValue(value) || hasLineBreakLike(value) || resolvesToAnotherType(value);
    }

    /**
     * Whether some YAML reader would read {@code text}, written as a plain scalar, as something other
     * than this string: a boolean, a number, null, a date or timestamp, or a merge or value key.
     */
    static boolean resolvesToAnotherType(String text) {
        if (text.isEmpty() || WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (!NUMBER_LIKE_START.matcher(text).matches()) {
            return false;
        }
        return INT.matcher(text).matches() || FLOAT.matcher(text).matches() || TIMESTAMP.matcher(text).matches();
    }

    /**
     * Jackson's default check leaves a string that starts with U+0085 (NEL) unquoted, and YAML reads
     * that plain scalar as a line break, so a string of that one character came back as {@code null}.
     */
    private static boolean hasLineBreakLike(String text) {
        return text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0;
    }
}

package dev.kgateway.sdk.validation.internal;

import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.ViolationTypes;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * kube-apiserver's field errors ({@code k8s.io/apimachinery/pkg/util/validation/field}) and the
 * kube-openapi schema messages they wrap, as {@link Violation}s: path, cause type, and the error body
 * ({@code Invalid value: "x": spec.y in body should match '^a$'}).
 */
public final class KubeErrors {

    private KubeErrors() {
    }

    /** {@code Required value} (+ detail). */
    public static Violation required(FieldPath path, String detail) {
        return new Violation(path.toString(), ViolationTypes.REQUIRED,
                "Required value" + (detail.isEmpty() ? "" : ": " + detail), null);
    }

    /** {@code Forbidden: detail}. */
    public static Violation forbidden(FieldPath path, String detail) {
        return new Violation(path.toString(), ViolationTypes.FORBIDDEN, "Forbidden" + (detail.isEmpty() ? "" : ": " + detail), null);
    }

    /** {@code Invalid value: <value>: detail}; a null value prints as the omitted value ({@code Invalid value: detail}). */
    public static Violation invalid(FieldPath path, Object value, String detail) {
        return new Violation(path.toString(), ViolationTypes.INVALID, body("Invalid value", value, detail), text(value));
    }

    /** {@code Invalid value: ...} for a type mismatch (cause {@code FieldValueTypeInvalid}). */
    public static Violation typeInvalid(FieldPath path, Object value, String detail) {
        return new Violation(path.toString(), ViolationTypes.TYPE_INVALID, body("Invalid value", value, detail), text(value));
    }

    /** {@code Unsupported value: "X": supported values: "A", "B"}; a value of any type (a mistyped one too), as Go prints it. */
    public static Violation notSupported(FieldPath path, JsonNode value, List<JsonNode> allowed) {
        String supported = allowed.stream()
                .map(a -> quote(a.isString() ? a.asString() : a.toString()))
                .collect(Collectors.joining(", "));
        Object v = value.isContainer() ? value : scalar(value);
        return new Violation(path.toString(), ViolationTypes.NOT_SUPPORTED,
                body("Unsupported value", v, allowed.isEmpty() ? "" : "supported values: " + supported), text(v));
    }

    /** {@code Too long: may not be more than N bytes} (kube-apiserver 1.32+; the length itself is counted in characters). */
    public static Violation tooLong(FieldPath path, String value, long max) {
        return new Violation(path.toString(), ViolationTypes.TOO_LONG, "Too long: may not be more than " + max + (max == 1 ? " byte" : " bytes"), value);
    }

    /** {@code Too many: 3: must have at most 2 items} ({@code 1 item}). */
    public static Violation tooMany(FieldPath path, long actual, long max) {
        return new Violation(path.toString(), ViolationTypes.TOO_MANY,
                "Too many: " + actual + ": must have at most " + max + (max == 1 ? " item" : " items"), Long.toString(actual));
    }

    /** {@code Duplicate value: <value>}. */
    public static Violation duplicate(FieldPath path, Object value) {
        return new Violation(path.toString(), ViolationTypes.DUPLICATE, body("Duplicate value", value, ""), text(value));
    }

    /**
     * kube-apiserver's line when it skipped the CEL rules because of a blocking error: a cause with field
     * {@code <nil>} (a nil field path printed by Go) and value {@code null}.
     */
    public static Violation rulesNotChecked() {
        return new Violation("<nil>", ViolationTypes.INVALID,
                "Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
                null);
    }

    /** A member the server would drop: {@code unknown field "spec.x"} (the server's warning text). */
    public static Violation pruned(FieldPath path) {
        String p = path.toString();
        return new Violation(p, ViolationTypes.PRUNED, "unknown field \"" + p + "\"", null);
    }

    /** The JSON node as the Go value kube-openapi reports: strings, longs, doubles, booleans; else its text. */
    public static Object scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isIntegralNumber()) {
            return value.isLong() || value.isInt() || value.canConvertToLong() ? (Object) value.asLong() : value.asString();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.toString();
    }

    /** The marker for field.OmitValueType: the value is left out of the message. */
    public static final Object OMIT = new Object();

    private static String body(String type, Object value, String detail) {
        String s = value == OMIT ? type : type + ": " + goValue(value);
        return detail.isEmpty() ? s : s + ": " + detail;
    }

    private static String text(Object value) {
        if (value == null || value == OMIT) {
            return null;
        }
        return value instanceof Double d ? goFloat(d) : String.valueOf(value);
    }

    /** A value as Go's {@code %v}/{@code %q} prints it in an error body. */
    static String goValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof JsonNode n) {
            return goJson(n);
        }
        if (value instanceof Double d) {
            return goFloat(d);
        }
        return String.valueOf(value);
    }

    /**
     * Go's {@code strconv.Quote} ({@code %q}): quotes and backslashes escaped, {@code \a \b \f \n \r \t \v}, other
     * control characters as {@code \x00}, and every other character Go does not print (not a letter, mark,
     * number, punctuation or symbol, nor the ASCII space: unassigned, format, private use, separators) as
     * {@code \u0383} or {@code \U000e0001}.
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else if (c == ' ' || goPrintable(c)) {
                        out.appendCodePoint(c);
                    } else if (Character.isSurrogate((char) c)) {
                        out.append('\ufffd'); // a lone surrogate arrives as U+FFFD, which Go prints
                    } else if (c < 0x10000) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint} but for the space: letters, marks, numbers, punctuation and symbols. */
    private static boolean goPrintable(int c) {
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Go's {@code json.Marshal} of a decoded JSON value: object keys sorted, {@code <>&} escaped, numbers as int64 or float64. */
    public static String goJson(JsonNode n) {
        StringBuilder out = new StringBuilder();
        goJson(n, out);
        return out.toString();
    }

    private static void goJson(JsonNode n, StringBuilder out) {
        if (n.isObject()) {
            out.append('{');
            java.util.List<String> keys = new java.util.ArrayList<>();
            n.propertyNames().forEach(keys::add);
            java.util.Collections.sort(keys);
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(jsonString(keys.get(i))).append(':');
                goJson(n.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                goJson(n.get(i), out);
            }
            out.append(']');
        } else if (n.isString()) {
            out.append(jsonString(n.asString()));
        } else if (n.isIntegralNumber() && n.canConvertToLong()) {
            out.append(n.asLong());
        } else if (n.isNumber()) {
            double d = n.asDouble();
            double abs = Math.abs(d);
            // encoding/json: 'f' format, but 'e' (with a 1-digit exponent where it fits) below 1e-6 and from 1e21 on
            out.append(abs != 0 && (abs < 1e-6 || abs >= 1e21) ? goFloat(d).replaceAll("e([+-])0(\\d)$", "e$1$2")
                    : new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString());
        } else {
            out.append(n.toString()); // true, false, null
        }
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 and from 1e6 on (strconv.FormatFloat(f, 'g', -1, 64)). */
    public static String goFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = b.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return b.toPlainString();
    }
}

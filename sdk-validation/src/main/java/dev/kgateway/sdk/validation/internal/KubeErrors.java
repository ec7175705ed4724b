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

    /** {@code Unsupported value: "X": supported values: "A", "B"}. */
    public static Violation notSupported(FieldPath path, JsonNode value, List<JsonNode> allowed) {
        String supported = allowed.stream()
                .map(a -> quote(a.isString() ? a.asString() : a.toString()))
                .collect(Collectors.joining(", "));
        return new Violation(path.toString(), ViolationTypes.NOT_SUPPORTED,
                body("Unsupported value", scalar(value), allowed.isEmpty() ? "" : "supported values: " + supported), text(scalar(value)));
    }

    /** {@code Too long: may not be longer than N}. */
    public static Violation tooLong(FieldPath path, String value, long max) {
        return new Violation(path.toString(), ViolationTypes.TOO_LONG, "Too long: may not be longer than " + max, value);
    }

    /** {@code Too many: 3: must have at most 2 items}. */
    public static Violation tooMany(FieldPath path, long actual, long max) {
        return new Violation(path.toString(), ViolationTypes.TOO_MANY,
                "Too many: " + actual + ": must have at most " + max + " items", Long.toString(actual));
    }

    /** {@code Duplicate value: <value>}. */
    public static Violation duplicate(FieldPath path, Object value) {
        return new Violation(path.toString(), ViolationTypes.DUPLICATE, body("Duplicate value", value, ""), text(value));
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
            return n.toString();
        }
        if (value instanceof Double d) {
            return goFloat(d);
        }
        return String.valueOf(value);
    }

    /** Go's {@code strconv.Quote} for the characters that matter: quotes, backslashes, control characters. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
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

package dev.kgateway.sdk.validation.internal;

import dev.cel.runtime.CelEvaluationException;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.ViolationTypes;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.annotation.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a normalized (pruned and defaulted) custom resource against a compiled schema as
 * kube-apiserver does: the OpenAPI keywords (kube-openapi's messages), list types, then the CEL rules
 * of every node, with {@code oldSelf} correlated to the old object on update. Stateless.
 */
public final class SchemaValidator {

    private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");

    private SchemaValidator() {
    }

    /**
     * The OpenAPI keywords and list types, without the CEL rules (kube-apiserver runs those only when
     * this pass finds nothing {@linkplain #blocksRules blocking}).
     *
     * @param doc       the normalized resource
     * @param old       the normalized old resource on update, else {@code null}
     * @param root      the compiled {@code openAPIV3Schema}
     * @param skipStatus whether {@code status} is a subresource (ignored on writes of the resource)
     * @param out       where violations go
     */
    public static void validate(JsonNode doc, @Nullable JsonNode old, SchemaNode root, boolean skipStatus, List<Violation> out) {
        walk(doc, old, root, skipStatus, out, false);
    }

    /**
     * The CEL {@code x-kubernetes-validations} rules of every node (transition rules on update), on a resource
     * that passed {@link #validate} without a blocking error.
     */
    public static void validateRules(JsonNode doc, @Nullable JsonNode old, SchemaNode root, boolean skipStatus, List<Violation> out) {
        walk(doc, old, root, skipStatus, out, true);
    }

    /**
     * Whether kube-apiserver skips the CEL rules after these errors (apiextensions-apiserver's
     * {@code hasBlockingErr}: a value of the wrong type, outside an enum, too long, too many, or a
     * required one missing, might break the rules' typing).
     */
    public static boolean blocksRules(List<Violation> errors) {
        for (Violation v : errors) {
            switch (v.rule()) {
                case ViolationTypes.NOT_SUPPORTED, ViolationTypes.REQUIRED, ViolationTypes.TOO_LONG, ViolationTypes.TOO_MANY,
                        ViolationTypes.TYPE_INVALID -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static void walk(JsonNode doc, @Nullable JsonNode old, SchemaNode root, boolean skipStatus, List<Violation> out, boolean rules) {
        if (!doc.isObject()) {
            if (!rules) {
                typeCheck(doc, root, FieldPath.ROOT, out);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            String k = e.getKey();
            if (k.equals("metadata") || (skipStatus && k.equals("status"))) {
                continue;
            }
            SchemaNode cs = root.properties.get(k);
            if (cs != null) {
                node(e.getValue(), child(old, k), cs, FieldPath.ROOT.child(k), out, rules);
            }
        }
        if (rules) {
            rules(doc, old, root, FieldPath.ROOT, out);
            return;
        }
        for (String r : root.required) {
            if (!doc.has(r) && !r.equals("metadata")) {
                out.add(KubeErrors.required(FieldPath.ROOT.child(r), ""));
            }
        }
    }

    @Nullable
    private static JsonNode child(@Nullable JsonNode old, String k) {
        return old == null || !old.isObject() ? null : old.get(k);
    }

    private static void node(JsonNode v, @Nullable JsonNode old, SchemaNode s, FieldPath path, List<Violation> out, boolean rules) {
        if (old != null && v.equals(old)) {
            if (rules) {
                ratcheted(v, s, path, out);
            }
            return;
        }
        if (v.isNull()) {
            if (!rules && !s.nullable && (s.type != null || s.intOrString)) {
                out.add(typeError(path, s, "null"));
            }
            if (!rules && s.enumValues != null && !contains(s.enumValues, v)) {
                out.add(KubeErrors.notSupported(path, v, s.enumValues));
            }
            return;
        }
        // as kube-openapi: the type is one check among others, which apply by the value's own kind (an enum to any
        // value, lengths and pattern to any string, bounds to any number, items and properties to any list and map)
        boolean typed = typeCheck(v, s, path, rules ? new ArrayList<>() : out);
        if (!rules) {
            if (s.enumValues != null && !contains(s.enumValues, v)) {
                out.add(KubeErrors.notSupported(path, v, s.enumValues));
            }
            if (v.isString()) {
                string(v.asString(), s, path, out);
            } else if (v.isNumber()) {
                range(v, s, path, out);
                number(v, s, path, out);
            }
        }
        if (v.isArray()) {
            array(v, old, s, path, out, rules);
        } else if (v.isObject()) {
            object(v, old, s, path, out, rules);
        }
        if (rules && typed) {
            rules(v, old, s, path, out);
        }
    }

    /**
     * kube-openapi's type validator. A JSON number is an {@code int64} ({@code "integer"}) when it is written without
     * fraction or exponent and fits, else a {@code float64} ({@code "number"}); an integral float64 passes as an
     * integer. With a {@code format} (int32, password, ...) a mistyped non-string, non-list value is reported against
     * the format, with the Go type's format ({@code "int64"}, {@code "float64"}, else {@code ""}) as the value; a
     * string or list given to a non-numeric schema with a format passes the type check.
     */
    private static boolean typeCheck(JsonNode v, SchemaNode s, FieldPath path, List<Violation> out) {
        String actual = jsonType(v);
        if (s.intOrString) {
            boolean ok = actual.equals("integer") || actual.equals("string");
            if (!ok) {
                out.add(typeError(path, s, actual));
            }
            return ok;
        }
        if (s.type == null && s.format == null) {
            return true;
        }
        boolean floatInt = actual.equals("number") && "integer".equals(s.type) && integral(v);
        boolean intFloat = actual.equals("integer") && "number".equals(s.type);
        boolean typeMatches = actual.equals(s.type) || floatInt || intFloat;
        boolean stringOrList = v.isString() || v.isArray();
        if (!stringOrList && s.format != null) {
            String goFormat = goFormat(v);
            if (!(typeMatches || goFormat.equals(s.format))) {
                out.add(KubeErrors.typeInvalid(path, goFormat, path + " in body must be of type " + s.format + ": " + KubeErrors.quote(goFormat)));
                return false;
            }
        }
        if (s.format != null && stringOrList && !"number".equals(s.type) && !"integer".equals(s.type)) {
            return true;
        }
        if (s.type != null && !typeMatches) {
            out.add(typeError(path, s, actual));
            return false;
        }
        return true;
    }

    private static Violation typeError(FieldPath path, SchemaNode s, String actual) {
        String expected = s.intOrString ? "integer,string" : s.type;
        return KubeErrors.typeInvalid(path, actual, path + " in body must be of type " + expected + ": " + KubeErrors.quote(actual));
    }

    /** The format kube-openapi infers from the decoded Go value: int64, float64, or none. */
    private static String goFormat(JsonNode v) {
        String t = jsonType(v);
        return t.equals("integer") ? "int64" : t.equals("number") ? "float64" : "";
    }

    /** go-openapi's {@code IsFloat64AJSONInteger}: integral and within JSON's safe integers (2^53 - 1), so 1e21 is none. */
    private static boolean integral(JsonNode v) {
        double d = v.asDouble();
        return !Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) <= 9007199254740991d;
    }

    /**
     * kube-openapi's range check of a number against its schema's type and format ({@code IsValueValidAgainstRange}):
     * an integer must parse as an int32 (format int32), uint32, uint64 or else int64 from its decimal text; a
     * float32 must fit. The error is no field error in kube-openapi, so the server reports it at field {@code <nil>}
     * with value {@code ""}.
     */
    private static void range(JsonNode v, SchemaNode s, FieldPath path, List<Violation> out) {
        String type = s.type == null ? "" : s.type;
        String format = s.format == null ? "" : s.format;
        String text = jsonType(v).equals("integer") ? v.bigIntegerValue().toString()
                : new java.math.BigDecimal(Double.toString(v.asDouble())).stripTrailingZeros().toPlainString();
        boolean ok = true;
        if (type.equals("integer")) {
            try {
                java.math.BigInteger n = new java.math.BigInteger(text);
                ok = switch (format) {
                    case "int32" -> n.bitLength() < 32;
                    case "uint32" -> n.signum() >= 0 && n.bitLength() <= 32;
                    case "uint64" -> n.signum() >= 0 && n.bitLength() <= 64;
                    default -> n.bitLength() < 64;
                };
            } catch (NumberFormatException e) {
                ok = false;
            }
        } else if (format.equals("float") || format.equals("float32")) {
            double d = Math.abs(v.asDouble());
            ok = d <= Float.MAX_VALUE;
        }
        if (!ok) {
            String detail = "Checked value must be of type " + type + (format.isEmpty() ? " (default format)" : " with format " + format) + " in " + path;
            out.add(new Violation("<nil>", ViolationTypes.INVALID, "Invalid value: \"\": " + detail, ""));
        }
    }

    static String jsonType(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isString()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return "integer"; // Go decodes it as an int64
        }
        if (v.isNumber()) {
            return "number"; // a fraction, an exponent, or too big for int64: a float64
        }
        return "string";
    }

    private static boolean contains(List<JsonNode> values, JsonNode v) {
        for (JsonNode e : values) {
            if (e.equals(v) || (e.isNumber() && v.isNumber() && e.asDouble() == v.asDouble())) {
                return true;
            }
        }
        return false;
    }

    /** kube-openapi's string validator: the first of maxLength, minLength, pattern that fails, only; then the format's own check. */
    private static void string(String value, SchemaNode s, FieldPath path, List<Violation> out) {
        long length = s.maxLength != null || s.minLength != null ? value.codePointCount(0, value.length()) : 0;
        if (s.maxLength != null && length > s.maxLength) {
            out.add(KubeErrors.tooLong(path, value, s.maxLength));
        } else if (s.minLength != null && length < s.minLength) {
            out.add(KubeErrors.invalid(path, value, path + " in body should be at least " + s.minLength + " chars long"));
        } else if (s.pattern != null && !s.pattern.matcher(value).find()) {
            out.add(KubeErrors.invalid(path, value, path + " in body should match '" + s.patternSource + "'"));
        }
        if (s.format != null && !formatOk(s.format, value)) {
            out.add(KubeErrors.typeInvalid(path, value, path + " in body must be of type " + s.format + ": " + KubeErrors.quote(value)));
        }
    }

    /** The string formats kube-apiserver checks (its restricted strfmt registry) that this validator knows; others pass. */
    static boolean formatOk(String format, String value) {
        switch (format) {
            case "date-time", "datetime":
                try {
                    OffsetDateTime.parse(value);
                    return true;
                } catch (DateTimeParseException e) {
                    return false;
                }
            case "byte":
                try {
                    Base64.getDecoder().decode(value);
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            case "uuid":
                return UUID.matcher(value).matches();
            case "ipv4":
                return value.matches("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");
            default:
                return true;
        }
    }

    private static void number(JsonNode v, SchemaNode s, FieldPath path, List<Violation> out) {
        double d = v.asDouble();
        Object value = KubeErrors.scalar(v);
        if (s.maximum != null) {
            if (s.exclusiveMaximum ? d >= s.maximum : d > s.maximum) {
                out.add(KubeErrors.invalid(path, value, path + " in body should be less than " + (s.exclusiveMaximum ? "" : "or equal to ")
                        + KubeErrors.goFloat(s.maximum)));
            }
        }
        if (s.minimum != null) {
            if (s.exclusiveMinimum ? d <= s.minimum : d < s.minimum) {
                out.add(KubeErrors.invalid(path, value, path + " in body should be greater than " + (s.exclusiveMinimum ? "" : "or equal to ")
                        + KubeErrors.goFloat(s.minimum)));
            }
        }
        if (s.multipleOf != null && s.multipleOf != 0) {
            double q = d / s.multipleOf;
            if (q != Math.rint(q)) {
                out.add(KubeErrors.invalid(path, value, path + " in body should be a multiple of " + KubeErrors.goFloat(s.multipleOf)));
            }
        }
    }

    private static void array(JsonNode v, @Nullable JsonNode old, SchemaNode s, FieldPath path, List<Violation> out, boolean rules) {
        int size = v.size();
        boolean map = "map".equals(s.listType) && !s.listMapKeys.isEmpty();
        Map<List<JsonNode>, JsonNode> oldByKey = map ? oldItemsByKey(old, s.listMapKeys) : Map.of();
        if (!rules) {
            listChecks(v, s, path, out, map);
        }
        if (s.items != null) {
            for (int i = 0; i < size; i++) {
                JsonNode item = v.get(i);
                JsonNode oldItem = map && item.isObject() ? oldByKey.get(key(item, s.listMapKeys)) : null;
                node(item, oldItem, s.items, path.index(i), out, rules);
            }
        }
    }

    private static void listChecks(JsonNode v, SchemaNode s, FieldPath path, List<Violation> out, boolean map) {
        int size = v.size();
        if (s.maxItems != null && size > s.maxItems) {
            out.add(KubeErrors.tooMany(path, size, s.maxItems));
        }
        if (s.minItems != null && size < s.minItems) {
            out.add(KubeErrors.invalid(path, (long) size, path + " in body should have at least " + s.minItems + " items"));
        }
        if ("set".equals(s.listType)) {
            Map<JsonNode, Integer> seen = new HashMap<>();
            for (int i = 0; i < size; i++) {
                JsonNode item = v.get(i);
                if (seen.merge(item, 1, Integer::sum) == 2) { // apiextensions: the second appearance of each value only
                    out.add(KubeErrors.duplicate(path.index(i), item.isContainer() ? item : KubeErrors.scalar(item)));
                }
            }
        } else if (map) {
            for (int i = 0; i < size; i++) {
                JsonNode item = v.get(i);
                if (!item.isObject() && !item.isNull()) { // one error for the list, and no duplicates checked
                    out.add(KubeErrors.invalid(path.index(i), item.isContainer() ? item : KubeErrors.scalar(item),
                            "must be an object for an array of list-type map"));
                    return;
                }
            }
            Map<JsonNode, Integer> seen = new HashMap<>();
            for (int i = 0; i < size; i++) {
                // the key members the item has (none for a null item); reported as that map
                ObjectNode keyOf = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                JsonNode item = v.get(i);
                for (String k : s.listMapKeys) {
                    if (item.isObject() && item.has(k)) {
                        keyOf.set(k, item.get(k));
                    }
                }
                if (seen.merge(keyOf, 1, Integer::sum) == 2) {
                    out.add(KubeErrors.duplicate(path.index(i), keyOf));
                }
            }
        }
    }

    private static Map<List<JsonNode>, JsonNode> oldItemsByKey(@Nullable JsonNode old, List<String> keys) {
        if (old == null || !old.isArray()) {
            return Map.of();
        }
        Map<List<JsonNode>, JsonNode> out = new HashMap<>();
        for (JsonNode item : old) {
            if (item.isObject()) {
                out.putIfAbsent(key(item, keys), item);
            }
        }
        return out;
    }

    private static List<JsonNode> key(JsonNode item, List<String> keys) {
        List<JsonNode> k = new ArrayList<>(keys.size());
        for (String name : keys) {
            k.add(item.path(name));
        }
        return k;
    }

    private static void object(JsonNode v, @Nullable JsonNode old, SchemaNode s, FieldPath path, List<Violation> out, boolean rules) {
        if (!rules) {
            objectChecks(v, s, path, out);
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String k = e.getKey();
            SchemaNode declared = s.properties.get(k);
            if (declared != null) {
                node(e.getValue(), child(old, k), declared, path.child(k), out, rules);
            } else if (s.additionalProperties != null) {
                // kube-openapi names a map's key as a member (labels.app), CEL's field paths as a key (labels[app])
                node(e.getValue(), child(old, k), s.additionalProperties, rules ? path.key(k) : path.child(k), out, rules);
            }
        }
    }

    private static void objectChecks(JsonNode v, SchemaNode s, FieldPath path, List<Violation> out) {
        for (String r : s.required) {
            if (!v.has(r)) {
                out.add(KubeErrors.required(path.child(r), ""));
            }
        }
        int size = v.size();
        if (s.maxProperties != null && size > s.maxProperties) {
            out.add(KubeErrors.tooMany(path, size, s.maxProperties));
        }
        if (s.minProperties != null && size < s.minProperties) {
            out.add(KubeErrors.invalid(path, (long) size, path + " in body should have at least " + s.minProperties + " properties"));
        }
    }

    /**
     * Validation ratcheting (kube-apiserver 1.30+, CRDValidationRatcheting): a value unchanged from
     * its correlated old value reports no schema errors and no errors of rules without
     * {@code oldSelf}, so an object stored under an older, looser CRD can still be updated elsewhere.
     * Transition rules still run, with {@code oldSelf} the (equal) old value.
     */
    private static void ratcheted(JsonNode v, SchemaNode s, FieldPath path, List<Violation> out) {
        if (s.rules.stream().anyMatch(CelRule::usesOldSelf)) {
            rules(v, v, s, path, out, true);
        }
        if (v.isObject()) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                SchemaNode declared = s.properties.get(e.getKey());
                if (declared != null) {
                    ratcheted(e.getValue(), declared, path.child(e.getKey()), out);
                } else if (s.additionalProperties != null) {
                    ratcheted(e.getValue(), s.additionalProperties, path.key(e.getKey()), out);
                }
            }
        } else if (v.isArray() && s.items != null && "map".equals(s.listType)) {
            for (int i = 0; i < v.size(); i++) {
                ratcheted(v.get(i), s.items, path.index(i), out);
            }
        }
    }

    private static void rules(JsonNode v, @Nullable JsonNode old, SchemaNode s, FieldPath path, List<Violation> out) {
        rules(v, old, s, path, out, false);
    }

    private static void rules(JsonNode v, @Nullable JsonNode old, SchemaNode s, FieldPath path, List<Violation> out, boolean transitionOnly) {
        if (s.rules.isEmpty() || v.isNull()) {
            return;
        }
        Object self = CelValues.of(v, s);
        Object oldSelf = old == null || old.isNull() ? null : CelValues.of(old, s);
        Map<String, Object> activation = new HashMap<>(4);
        activation.put("self", self);
        for (CelRule rule : s.rules) {
            if (transitionOnly && !rule.usesOldSelf()) {
                continue;
            }
            if (rule.usesOldSelf() && oldSelf == null && !rule.optionalOldSelf()) {
                continue; // a transition rule: only evaluated on update, when there is an old value
            }
            if (rule.optionalOldSelf()) {
                activation.put("oldSelf", Optional.ofNullable(oldSelf));
            } else if (oldSelf != null) {
                activation.put("oldSelf", oldSelf);
            } else {
                activation.remove("oldSelf");
            }
            String scalarType = s.type == null ? "" : s.type;
            Object result;
            try {
                result = rule.program().eval(activation);
            } catch (CelEvaluationException | RuntimeException e) {
                out.add(KubeErrors.invalid(path, scalarType, cause(e) + " evaluating rule: " + rule.errorString()));
                continue;
            }
            if (Boolean.TRUE.equals(result)) {
                continue;
            }
            FieldPath at = rule.fieldPath() == null ? path : rule.fieldPath().appendTo(path);
            String detail = message(rule, activation);
            Object value = v.isContainer() ? KubeErrors.OMIT : KubeErrors.scalar(v);
            String reason = rule.reason() == null ? "FieldValueInvalid" : rule.reason();
            out.add(switch (reason) {
                case "FieldValueForbidden" -> KubeErrors.forbidden(at, detail);
                case "FieldValueRequired" -> KubeErrors.required(at, detail);
                case "FieldValueDuplicate" -> KubeErrors.duplicate(at, value);
                default -> KubeErrors.invalid(at, value, detail);
            });
        }
    }

    private static final java.util.regex.Pattern NO_SUCH_KEY = java.util.regex.Pattern.compile("key '(.*)' is not present in map\\.?");

    /** The evaluation error in cel-go's words where they differ ({@code no such key: type}). */
    private static String cause(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        m = m.replaceFirst("^evaluation error at [^:]*:\\d+: ", "");
        java.util.regex.Matcher k = NO_SUCH_KEY.matcher(m);
        return k.matches() ? "no such key: " + k.group(1) : m;
    }

    /** kube-apiserver: the messageExpression's value when it evaluates to a non-blank single-line string, else the message. */
    private static String message(CelRule rule, Map<String, Object> activation) {
        if (rule.messageExpression() != null) {
            try {
                Object m = rule.messageExpression().eval(activation);
                if (m instanceof String s && !s.isBlank() && s.indexOf('\n') < 0 && s.strip().length() <= 5 * 1024) {
                    return s.strip();
                }
            } catch (CelEvaluationException | RuntimeException e) {
                // the server logs this and falls back to the static message
            }
        }
        return rule.messageOrDefault();
    }
}

package dev.kgateway.sdk.model;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule checks that generated {@code collectViolations} methods call, one per schema keyword.
 * Each adds a {@link Violation} named after its keyword when the value breaks it.
 */
final class SchemaChecks {

    private SchemaChecks() {
    }

    static String child(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    static String key(String path, String key) {
        return path + "['" + key.replace("'", "\\'") + "']";
    }

    static void missing(List<Violation> out, String path) {
        out.add(new Violation(path, "required", "is required", null));
    }

    /** A conditional requirement ({@code x-kgateway-requires}) that is not met; the message says when it applies. */
    static void missing(List<Violation> out, String path, String message) {
        out.add(new Violation(path, "required", message, null));
    }

    /**
     * How many blocks of a union are set: exactly one, or at most one. Reported at the object that
     * holds the union, with the blocks that are set as the value.
     */
    static void unionCount(List<Violation> out, String path, boolean exactlyOne, String[] blocks, boolean... present) {
        List<String> set = new java.util.ArrayList<>();
        for (int i = 0; i < blocks.length; i++) {
            if (present[i]) {
                set.add(blocks[i]);
            }
        }
        if (set.size() > 1 || (exactlyOne && set.isEmpty())) {
            String all = String.join(", ", blocks);
            out.add(new Violation(path, "union", (exactlyOne ? "exactly one of " : "at most one of ") + all + " must be set",
                    set.isEmpty() ? null : String.join(", ", set)));
        }
    }

    /**
     * A member that no kgateway release serves, only the seed schema: every release's CRD prunes it
     * and then refuses what is left. The message names the member to use instead.
     */
    static void seedOnly(List<Violation> out, String path, Object value, String message) {
        String text = value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
        out.add(new Violation(path, "seedOnly", message, text));
    }

    static void minLength(List<Violation> out, String path, String value, int min) {
        if (value.codePointCount(0, value.length()) < min) {
            out.add(new Violation(path, "minLength", min == 1 ? "must not be empty" : "must be at least " + min + " characters", value));
        }
    }

    static void maxLength(List<Violation> out, String path, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            out.add(new Violation(path, "maxLength", "must be at most " + max + " characters", value));
        }
    }

    /**
     * @param pattern  the compiled pattern, end anchors made exact (the generator writes {@code \\z} for {@code $})
     * @param declared the pattern as the schema declares it, for the message
     */
    static void pattern(List<Violation> out, String path, String value, Pattern pattern, String declared) {
        if (!pattern.matcher(value).find()) {
            out.add(new Violation(path, "pattern", IN_WORDS.getOrDefault(declared, "must match " + declared), value));
        }
    }

    /** DNS-1123 subdomain, in the words every part of the SDK uses for it (the client's name checks too). */
    static final String DNS1123_SUBDOMAIN_WORDS = "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.',"
            + " starting and ending with a letter or digit";
    /** DNS-1123 label, in words. */
    static final String DNS1123_LABEL_WORDS = "must be a DNS-1123 label: lowercase letters, digits and '-',"
            + " starting and ending with a letter or digit";

    /** The Kubernetes name patterns of the schema, explained in words instead of quoted. */
    private static final Map<String, String> IN_WORDS = Map.of(
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", DNS1123_SUBDOMAIN_WORDS,
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", DNS1123_LABEL_WORDS,
            "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", "must be a label value: empty, or letters, digits, '-', '_' and '.',"
                    + " starting and ending with a letter or digit");

    /** A map key that breaks the map's {@code propertyNames} pattern. */
    static void keyPattern(List<Violation> out, String path, String key, Pattern pattern, String declared) {
        if (!pattern.matcher(key).find()) {
            out.add(new Violation(path, "propertyNames", "key must match " + declared, key));
        }
    }

    static void keyMaxLength(List<Violation> out, String path, String key, int max) {
        if (key.codePointCount(0, key.length()) > max) {
            out.add(new Violation(path, "propertyNames", "key must be at most " + max + " characters", key));
        }
    }

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    /**
     * A label or annotation key must be a Kubernetes qualified name, as the API server checks it: an
     * optional DNS subdomain prefix (at most 253 characters) and {@code /}, then a name of at most 63
     * characters: alphanumerics, {@code -}, {@code _} and {@code .}, starting and ending with an
     * alphanumeric.
     */
    static void qualifiedName(List<Violation> out, String path, String key) {
        String problem = qualifiedNameProblem(key);
        if (problem != null) {
            out.add(new Violation(path, "propertyNames", "key must be a qualified name ([prefix/]name): " + problem, key));
        }
    }

    private static String qualifiedNameProblem(String key) {
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            if (prefix.isEmpty()) {
                return "the prefix before '/' must not be empty";
            }
            if (prefix.length() > 253) {
                return "the prefix must be at most 253 characters";
            }
            if (!DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return "the prefix must be a DNS subdomain (lower-case alphanumerics, '-' and '.')";
            }
            name = parts[1];
        } else {
            return "at most one '/' separates prefix and name";
        }
        if (name.isEmpty()) {
            return "the name must not be empty";
        }
        if (name.length() > 63) {
            return "the name must be at most 63 characters";
        }
        if (!QUALIFIED_NAME_PART.matcher(name).matches()) {
            return "the name must be alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
        }
        return null;
    }

    static void dateTime(List<Violation> out, String path, String value) {
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            out.add(new Violation(path, "format", "must be an RFC 3339 date-time such as 2024-01-31T12:00:00Z", value));
        }
    }

    static void minimum(List<Violation> out, String path, Number value, double min) {
        if (value.doubleValue() < min) {
            out.add(new Violation(path, "minimum", "must be >= " + number(min), value.toString()));
        }
    }

    static void maximum(List<Violation> out, String path, Number value, double max) {
        if (value.doubleValue() > max) {
            out.add(new Violation(path, "maximum", "must be <= " + number(max), value.toString()));
        }
    }

    static void exclusiveMinimum(List<Violation> out, String path, Number value, double min) {
        if (value.doubleValue() <= min) {
            out.add(new Violation(path, "exclusiveMinimum", "must be > " + number(min), value.toString()));
        }
    }

    static void exclusiveMaximum(List<Violation> out, String path, Number value, double max) {
        if (value.doubleValue() >= max) {
            out.add(new Violation(path, "exclusiveMaximum", "must be < " + number(max), value.toString()));
        }
    }

    static void minItems(List<Violation> out, String path, Collection<?> value, int min) {
        if (value.size() < min) {
            out.add(new Violation(path, "minItems", "must have at least " + min + " item" + (min == 1 ? "" : "s"),
                    String.valueOf(value.size())));
        }
    }

    static void maxItems(List<Violation> out, String path, Collection<?> value, int max) {
        if (value.size() > max) {
            out.add(new Violation(path, "maxItems", "must have at most " + max + " items", String.valueOf(value.size())));
        }
    }

    static void minProperties(List<Violation> out, String path, Map<?, ?> value, int min) {
        if (value.size() < min) {
            out.add(new Violation(path, "minProperties", "must have at least " + min + " entries", String.valueOf(value.size())));
        }
    }

    static void maxProperties(List<Violation> out, String path, Map<?, ?> value, int max) {
        if (value.size() > max) {
            out.add(new Violation(path, "maxProperties", "must have at most " + max + " entries", String.valueOf(value.size())));
        }
    }

    static void knownEnum(List<Violation> out, String path, OpenEnum value, List<? extends OpenEnum> known) {
        if (!value.isKnown()) {
            out.add(new Violation(path, "enum", "must be one of " + known, value.value()));
        }
    }

    static void constant(List<Violation> out, String path, Object value, String expected) {
        if (!expected.equals(value.toString())) {
            out.add(new Violation(path, "const", "must be " + expected, value.toString()));
        }
    }

    static boolean oneOf(String value, String... candidates) {
        for (String candidate : candidates) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Called when an object is built: an unknown member named like a declared member would be
     * written twice (the JSON would hold the name twice), so it is refused.
     *
     * @throws IllegalStateException naming the member
     */
    static void rejectDeclaredNames(String type, Map<String, ?> unknown, String... declared) {
        if (unknown.isEmpty()) {
            return;
        }
        for (String name : declared) {
            if (unknown.containsKey(name)) {
                throw new IllegalStateException("unknown member '" + name + "' of " + type + " is a declared member of "
                        + type + ": set it with its builder method, not as an unknown member");
            }
        }
    }

    /** A union member block must be present exactly when the discriminator selects it. */
    static void unionMember(List<Violation> out, String path, String discriminator, String discriminatorValue,
                            String member, boolean selected, boolean present) {
        if (selected && !present) {
            out.add(new Violation(child(path, member), "union", "is required when " + discriminator + " is " + discriminatorValue, null));
        } else if (!selected && present) {
            out.add(new Violation(child(path, member), "union", "must not be set when " + discriminator + " is " + discriminatorValue, null));
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}

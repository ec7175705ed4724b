package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The Javadoc text of one member, shared by its accessor, its wither and every builder method that
 * sets it: the schema's description, where it sits in the JSON, the rules {@code validate()} checks,
 * and the kgateway release lines that have it.
 */
final class MemberDocs {

    private static final int MAX_PATHS = 4;

    private final Property property;
    private final Set<String> paths;
    private final String releases;
    private final SeedOnly seedOnly;

    /**
     * A member that no kgateway release serves, only the seed schema, declared with
     * {@link SchemaKeywords#SEED_ONLY}: what to use instead, and where.
     *
     * @param path       the member's instance path ({@code spec.aws.lambdaFunctionName})
     * @param use        the instance path of the member kgateway serves instead, or null when the
     *                   Backend has none
     * @param useServedBy the release lines that serve {@code use} ("v2.0 and later"), or null
     * @param note       how to write it instead, plain text
     */
    record SeedOnly(String path, String use, String useServedBy, String note) {

        /** The violation message of {@code validate()}, plain text. */
        String message() {
            StringBuilder m = new StringBuilder("no kgateway release serves this member of the seed schema");
            if (use != null) {
                m.append("; use ").append(use).append(" (kgateway ").append(useServedBy).append(")");
            }
            return m.append(": ").append(note).toString();
        }

        /** The {@code @deprecated} text, Javadoc-safe. */
        String deprecation() {
            StringBuilder d = new StringBuilder("Seed schema only: no kgateway release serves ").append(code(path));
            if (use != null) {
                d.append("; use ").append(code(use)).append(", served by kgateway ").append(html(useServedBy));
            }
            return d.append(" (").append(html(note)).append(").")
                    .append(" Kept so that seed-shaped documents still read and write back unchanged;")
                    .append(" {@code validate()} reports it (rule {@code seedOnly}).").toString();
        }
    }

    /**
     * @param property    the member
     * @param objectPaths the instance paths of the object that holds it
     * @param source      the schema it comes from
     */
    MemberDocs(Property property, Collection<String> objectPaths, SchemaSource source) {
        this.property = property;
        this.paths = SchemaSource.memberPaths(objectPaths, property.jsonName());
        this.releases = source.releases(paths);
        this.seedOnly = seedOnly(property, objectPaths, paths, source);
    }

    /**
     * The member's seed-only declaration when it is the outermost member no release serves (members
     * inside it are not reported again), else null. Fails the generation when a seed-only member
     * has no {@link SchemaKeywords#SEED_ONLY}, or a served one has it, or its {@code use} is not a
     * served path of the schema.
     */
    private static SeedOnly seedOnly(Property property, Collection<String> objectPaths, Set<String> paths, SchemaSource source) {
        JsonNode declared = property.schema().get(SchemaKeywords.SEED_ONLY);
        boolean outermost = source.seedOnly(paths) && !source.seedOnly(objectPaths);
        String where = paths.isEmpty() ? property.jsonName() : paths.iterator().next();
        if (!outermost) {
            if (declared != null && source.knowsReleases() && !source.seedOnly(paths)) {
                throw new GenerationException(SchemaKeywords.SEED_ONLY + " on " + where
                        + ", which a kgateway release serves: remove it");
            }
            return null;
        }
        if (declared == null || !declared.path("note").isTextual()) {
            throw new GenerationException(where + " is in the seed schema only (no kgateway release serves it): declare "
                    + SchemaKeywords.SEED_ONLY + " {\"use\": \"<the member kgateway serves instead>\", \"note\": \"how\"} on it");
        }
        String use = declared.hasNonNull("use") ? declared.get("use").asText() : null;
        String servedBy = null;
        if (use != null) {
            servedBy = source.servedBy(use);
            if (!source.hasPath(use) || servedBy == null) {
                throw new GenerationException(SchemaKeywords.SEED_ONLY + " on " + where + " names '" + use
                        + "', which is not a path of the schema that a kgateway release serves");
            }
        }
        return new SeedOnly(where, use, servedBy, declared.get("note").asText());
    }

    /**
     * Marks a Java method of this member {@code @Deprecated}, with a {@code @deprecated} tag naming
     * the member to use instead, when the member is in the seed schema only; else does nothing.
     */
    void deprecateIfSeedOnly(com.sun.codemodel.JMethod method) {
        if (seedOnly != null) {
            method.annotate(Deprecated.class);
            method.javadoc().addDeprecated().add(seedOnly.deprecation());
        }
    }

    /** The seed-only declaration of this member, or null when a release serves it (or it sits inside one that is reported). */
    SeedOnly seedOnly() {
        return seedOnly;
    }

    /** The release sentence ("Present in kgateway v2.3 and later."), or null when unknown. */
    String releases() {
        return releases;
    }

    /** Description, JSON member and paths, rules, releases: HTML-safe Javadoc paragraphs. */
    String full() {
        StringBuilder doc = new StringBuilder();
        String description = property.schema().path("description").asText("");
        if (!description.isEmpty()) {
            doc.append(html(description)).append('\n');
        }
        doc.append("<p>JSON member ").append(code(property.jsonName()));
        if (!paths.isEmpty()) {
            doc.append(" (at ");
            Iterator<String> it = paths.iterator();
            for (int i = 0; i < MAX_PATHS && it.hasNext(); i++) {
                doc.append(i == 0 ? "" : ", ").append(code(it.next()));
            }
            if (paths.size() > MAX_PATHS) {
                doc.append(" and ").append(paths.size() - MAX_PATHS).append(" more");
            }
            doc.append(')');
        }
        doc.append('.');
        List<String> rules = rules();
        if (!rules.isEmpty()) {
            doc.append(" Rules: ").append(String.join("; ", rules)).append('.');
        }
        if (releases != null) {
            doc.append("\n<p>").append(releases);
        }
        return doc.toString();
    }

    /** The rules of the member as {@code validate()} checks them: required, enum, bounds, pattern. */
    List<String> rules() {
        List<String> out = new ArrayList<>();
        if (property.required()) {
            out.add("required by {@code validate()}");
        }
        JsonNode s = property.schema();
        valueRules(s, out);
        bound(out, s, "minItems", "at least ", " element");
        bound(out, s, "maxItems", "at most ", " element");
        JsonNode items = s.path("items");
        if (items.isObject()) {
            List<String> each = new ArrayList<>();
            valueRules(items, each);
            if (!each.isEmpty()) {
                out.add("each element " + String.join(", ", each));
            }
        }
        JsonNode values = s.path("additionalProperties");
        if (values.isObject() && !property.schema().has("properties")) {
            List<String> each = new ArrayList<>();
            valueRules(values, each);
            if (!each.isEmpty()) {
                out.add("each value " + String.join(", ", each));
            }
        }
        return out;
    }

    private static void valueRules(JsonNode s, List<String> out) {
        if (s.has("const")) {
            out.add("always " + code(s.get("const").asText()));
        }
        if (s.path("enum").isArray()) {
            List<String> values = new ArrayList<>();
            s.get("enum").forEach(v -> values.add(code(v.asText())));
            out.add("one of " + String.join(", ", values) + " (other values are kept, and reported by {@code validate()})");
        }
        bound(out, s, "minimum", "at least ", "");
        bound(out, s, "exclusiveMinimum", "greater than ", "");
        bound(out, s, "maximum", "at most ", "");
        bound(out, s, "exclusiveMaximum", "less than ", "");
        bound(out, s, "minLength", "at least ", " character");
        bound(out, s, "maxLength", "at most ", " character");
        if (s.has("pattern")) {
            out.add("matches " + code(s.get("pattern").asText()));
        }
        if (s.has("format")) {
            out.add("format " + code(s.get("format").asText()));
        }
    }

    private static void bound(List<String> out, JsonNode s, String keyword, String prefix, String suffix) {
        if (s.has(keyword) && s.get(keyword).isNumber()) {
            String n = s.get(keyword).asText();
            out.add(prefix + n + suffix + (suffix.isEmpty() || n.equals("1") ? "" : "s"));
        }
    }

    /** {@code <code>text</code>}, the text HTML-escaped. */
    static String code(String text) {
        return "<code>" + html(text) + "</code>";
    }

    /**
     * Text safe inside Javadoc: HTML special characters, {@code @} (a tag), braces (inline tags) and
     * the comment terminator escaped.
     */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '{' -> out.append("&#123;");
                case '}' -> out.append("&#125;");
                case '*' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '/' ? "&#42;" : "*");
                case '\\' -> out.append("&#92;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

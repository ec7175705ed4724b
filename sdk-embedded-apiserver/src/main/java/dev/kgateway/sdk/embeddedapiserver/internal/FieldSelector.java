package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Field selectors as kube-apiserver supports them for custom resources: {@code metadata.name} and {@code metadata.namespace}, with {@code =}, {@code ==}, {@code !=}. */
public final class FieldSelector {

    private final List<Predicate<JsonNode>> requirements;

    private FieldSelector(List<Predicate<JsonNode>> requirements) {
        this.requirements = requirements;
    }

    /** @throws IllegalArgumentException naming an unsupported field, as kube-apiserver does */
    public static FieldSelector parse(String selector) {
        List<Predicate<JsonNode>> out = new ArrayList<>();
        if (selector != null && !selector.isBlank()) {
            for (String part : selector.split(",")) {
                String r = part.trim();
                int ne = r.indexOf("!=");
                int eq = r.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + r + "'");
                }
                String field = (ne > 0 ? r.substring(0, ne) : r.substring(0, eq)).trim();
                String value = ne > 0 ? r.substring(ne + 2).trim() : r.substring(r.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
                if (!field.equals("metadata.name") && !field.equals("metadata.namespace")) {
                    throw new IllegalArgumentException("field label not supported: " + field);
                }
                String member = field.substring("metadata.".length());
                Predicate<JsonNode> p = o -> value.equals(Json.meta(o, member) == null ? "" : Json.meta(o, member));
                out.add(ne > 0 ? p.negate() : p);
            }
        }
        return new FieldSelector(out);
    }

    public boolean matches(JsonNode object) {
        return requirements.stream().allMatch(r -> r.test(object));
    }
}

package dev.kgateway.sdk.embeddedapiserver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kubernetes label selectors, equality- and set-based: {@code k=v}, {@code k==v}, {@code k!=v},
 * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}; requirements ANDed.
 */
public final class LabelSelector {

    private final List<Predicate<Map<String, String>>> requirements;

    private LabelSelector(List<Predicate<Map<String, String>>> requirements) {
        this.requirements = requirements;
    }

    /** @throws IllegalArgumentException with kube-apiserver's kind of message for a malformed selector */
    public static LabelSelector parse(String selector) {
        List<Predicate<Map<String, String>>> out = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return new LabelSelector(out);
        }
        for (String part : split(selector)) {
            out.add(requirement(part.trim(), selector));
        }
        return new LabelSelector(out);
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.test(labels));
    }

    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }

    private static Predicate<Map<String, String>> requirement(String r, String selector) {
        if (r.isEmpty()) {
            throw invalid(selector);
        }
        if (r.startsWith("!")) {
            String key = key(r.substring(1).trim(), selector);
            return labels -> !labels.containsKey(key);
        }
        String[] words = r.split("\\s+", 2);
        if (words.length == 2 && (words[1].startsWith("in ") || words[1].startsWith("in(") || words[1].startsWith("notin ")
                || words[1].startsWith("notin("))) {
            boolean in = words[1].startsWith("in");
            String rest = words[1].substring(in ? 2 : 5).trim();
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                throw invalid(selector);
            }
            Set<String> values = new java.util.HashSet<>(List.of(rest.substring(1, rest.length() - 1).trim().split("\\s*,\\s*")));
            String key = key(words[0], selector);
            return in ? labels -> values.contains(labels.get(key)) : labels -> !values.contains(labels.get(key));
        }
        int ne = r.indexOf("!=");
        if (ne > 0) {
            String key = key(r.substring(0, ne).trim(), selector);
            String value = r.substring(ne + 2).trim();
            return labels -> !value.equals(labels.get(key));
        }
        int eq = r.indexOf('=');
        if (eq > 0) {
            String key = key(r.substring(0, eq).trim(), selector);
            String value = r.substring(r.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
            return labels -> value.equals(labels.get(key));
        }
        String key = key(r, selector);
        return labels -> labels.containsKey(key);
    }

    private static String key(String key, String selector) {
        if (key.isEmpty() || !key.matches("[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?")) {
            throw invalid(selector);
        }
        return key;
    }

    private static IllegalArgumentException invalid(String selector) {
        return new IllegalArgumentException("unable to parse requirement: invalid label selector: \"" + selector + "\"");
    }
}

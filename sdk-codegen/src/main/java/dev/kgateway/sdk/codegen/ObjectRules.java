package dev.kgateway.sdk.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cross-member rules of one schema object, parsed once from {@code x-kgateway-union} and
 * {@code x-kgateway-requires} (see {@code schema/README.md}), so that {@code validate()}
 * ({@link ValidationEmitter}) and the CRD's CEL rules ({@code CrdBuilder}) read them the same way.
 * Both generators hand in the raw JSON as plain Java values (maps, lists, strings, null), since they
 * use different Jackson versions.
 */
public final class ObjectRules {

    /** How many of a union's blocks may be set, whatever the discriminator says. */
    public enum Count {
        /** No count rule: only the discriminator decides. */
        ANY,
        /** At most one block. */
        AT_MOST_ONE,
        /** Exactly one block. */
        EXACTLY_ONE
    }

    /**
     * A discriminated (or undiscriminated) union.
     *
     * @param discriminator the property whose value selects the block, or {@code null}
     * @param members       discriminator value to the block it requires ({@code null}: no block), in schema order
     * @param blocks        every block of the union, in schema order
     * @param count         how many blocks may be set
     */
    public record Union(String discriminator, Map<String, String> members, List<String> blocks, Count count) {

        /** Discriminator values by the block they select (values without a block left out). */
        public Map<String, List<String>> valuesByBlock() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            members.forEach((value, block) -> {
                if (block != null) {
                    out.computeIfAbsent(block, k -> new ArrayList<>()).add(value);
                }
            });
            return out;
        }
    }

    /**
     * "When {@code when} is set (or {@code unless} is not), at least one of {@code anyOf} must be set."
     *
     * @param when   member whose presence triggers the rule, or {@code null}
     * @param unless member whose absence triggers the rule, or {@code null}
     * @param anyOf  members, one of which is required; a dotted name ({@code lambda.accountId}) reaches into an object member
     */
    public record Requirement(String when, String unless, List<String> anyOf) {

        /** The rule in words, for messages: {@code "required when lambda is set"}. */
        public String condition() {
            if (when != null) {
                return "when " + when + " is set";
            }
            if (unless != null) {
                return "when " + unless + " is not set";
            }
            return "always";
        }
    }

    private ObjectRules() {
    }

    /**
     * @param raw   the value of {@code x-kgateway-union}, or {@code null}
     * @param where schema location, for errors
     * @return the union, or {@code null} when there is none
     */
    @SuppressWarnings("unchecked")
    public static Union union(Object raw, String where) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw error(SchemaKeywords.UNION, where, "must be an object");
        }
        Object discriminator = map.get("discriminator");
        Object members = map.get("members");
        Object blocks = map.get("blocks");
        Object count = map.get("count");
        for (Object key : map.keySet()) {
            if (!Set.of("discriminator", "members", "blocks", "count").contains(key)) {
                throw error(SchemaKeywords.UNION, where, "has an unknown member '" + key + "'");
            }
        }
        Map<String, String> memberMap = new LinkedHashMap<>();
        if (discriminator != null) {
            if (!(discriminator instanceof String) || ((String) discriminator).isEmpty()) {
                throw error(SchemaKeywords.UNION, where, "\"discriminator\" must be a property name");
            }
            if (!(members instanceof Map<?, ?> m) || m.isEmpty()) {
                throw error(SchemaKeywords.UNION, where, "with a discriminator needs a non-empty \"members\" object");
            }
            ((Map<String, Object>) members).forEach((value, block) -> {
                if (block != null && !(block instanceof String)) {
                    throw error(SchemaKeywords.UNION, where, "member '" + value + "' must name a block or be null");
                }
                memberMap.put(value, (String) block);
            });
        } else if (members != null) {
            throw error(SchemaKeywords.UNION, where, "\"members\" needs a \"discriminator\"");
        }
        Set<String> blockSet = new LinkedHashSet<>();
        memberMap.values().forEach(b -> {
            if (b != null) {
                blockSet.add(b);
            }
        });
        if (blocks != null) {
            if (!(blocks instanceof List<?> list) || list.isEmpty()) {
                throw error(SchemaKeywords.UNION, where, "\"blocks\" must be a non-empty array of property names");
            }
            for (Object b : (List<Object>) blocks) {
                if (!(b instanceof String)) {
                    throw error(SchemaKeywords.UNION, where, "\"blocks\" must hold property names");
                }
                blockSet.add((String) b);
            }
        }
        Count c = Count.ANY;
        if (count != null) {
            c = switch (String.valueOf(count)) {
                case "exactlyOne" -> Count.EXACTLY_ONE;
                case "atMostOne" -> Count.AT_MOST_ONE;
                default -> throw error(SchemaKeywords.UNION, where, "\"count\" must be \"exactlyOne\" or \"atMostOne\", not '" + count + "'");
            };
        }
        if (discriminator == null && c == Count.ANY) {
            throw error(SchemaKeywords.UNION, where, "needs a \"discriminator\" or a \"count\"");
        }
        if (blockSet.isEmpty()) {
            throw error(SchemaKeywords.UNION, where, "names no block");
        }
        return new Union((String) discriminator, memberMap, List.copyOf(blockSet), c);
    }

    /**
     * @param raw   the value of {@code x-kgateway-requires}, or {@code null}
     * @param where schema location, for errors
     * @return the requirements, empty when there are none
     */
    @SuppressWarnings("unchecked")
    public static List<Requirement> requirements(Object raw, String where) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw error(SchemaKeywords.REQUIRES, where, "must be an array");
        }
        List<Requirement> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw error(SchemaKeywords.REQUIRES, where, "each entry must be an object");
            }
            for (Object key : map.keySet()) {
                if (!Set.of("when", "unless", "anyOf").contains(key)) {
                    throw error(SchemaKeywords.REQUIRES, where, "entry has an unknown member '" + key + "'");
                }
            }
            Object when = map.get("when");
            Object unless = map.get("unless");
            Object anyOf = map.get("anyOf");
            if (when != null && unless != null) {
                throw error(SchemaKeywords.REQUIRES, where, "an entry takes \"when\" or \"unless\", not both");
            }
            if ((when != null && !(when instanceof String)) || (unless != null && !(unless instanceof String))) {
                throw error(SchemaKeywords.REQUIRES, where, "\"when\"/\"unless\" must be a property name");
            }
            if (!(anyOf instanceof List<?> names) || names.isEmpty() || !names.stream().allMatch(n -> n instanceof String)) {
                throw error(SchemaKeywords.REQUIRES, where, "\"anyOf\" must be a non-empty array of member names");
            }
            out.add(new Requirement((String) when, (String) unless, List.copyOf((List<String>) anyOf)));
        }
        return out;
    }

    private static GenerationException error(String keyword, String where, String message) {
        return new GenerationException(keyword + " at " + where + ": " + message);
    }
}

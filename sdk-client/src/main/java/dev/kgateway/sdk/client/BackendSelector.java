package dev.kgateway.sdk.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Backends a call covers: label requirements (equality and set-based, ANDed together), as a
 * Kubernetes label selector. Selection only: {@code deleteAll} takes one, and {@link ListOptions}
 * holds one next to what only reads use (page size, what decoding drops, the transform).
 *
 * <pre>{@code
 * int gone = ai.deleteAll(BackendSelector.withLabel("team", "search"));
 * ai.list(ListOptions.builder().selector(s -> s.labelIn("tier", "gold", "silver").labelExists("owner")).build());
 * }</pre>
 */
public final class BackendSelector {

    private static final BackendSelector ALL = builder().build();
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s,()!=]");

    private final List<String> requirements;

    private BackendSelector(Builder builder) {
        this.requirements = List.copyOf(builder.requirements);
    }

    /** @return a selector without requirements: every Backend */
    public static BackendSelector all() {
        return ALL;
    }

    /** @return a selector of the Backends whose label {@code key} equals {@code value} */
    public static BackendSelector withLabel(String key, String value) {
        return builder().label(key, value).build();
    }

    /** @return a selector from a Kubernetes label selector string, such as {@code "team=search,tier in (gold)"} */
    public static BackendSelector withLabelSelector(String selector) {
        return builder().selector(selector).build();
    }

    /** @return a new builder, selecting every Backend until requirements are added */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these requirements */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.requirements.addAll(requirements);
        return builder;
    }

    /** @return the label selector in Kubernetes syntax, empty when every Backend is selected */
    public String labelSelector() {
        return String.join(",", requirements);
    }

    /** @return whether this selects every Backend (no requirements) */
    public boolean selectsAll() {
        return requirements.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackendSelector o && o.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    @Override
    public String toString() {
        return "BackendSelector{" + labelSelector() + "}";
    }

    /** Builds {@link BackendSelector}; every requirement is ANDed with the others. */
    public static final class Builder {
        private final List<String> requirements = new ArrayList<>();

        private Builder() {
        }

        /** @return this builder, requiring label {@code key} to equal {@code value} */
        public Builder label(String key, String value) {
            return add(key(key) + "=" + value(value));
        }

        /** @return this builder, requiring label {@code key} to be absent or differ from {@code value} */
        public Builder labelNot(String key, String value) {
            return add(key(key) + "!=" + value(value));
        }

        /** @return this builder, requiring label {@code key} to be one of {@code values} */
        public Builder labelIn(String key, String... values) {
            return add(key(key) + " in (" + values(values) + ")");
        }

        /** @return this builder, requiring label {@code key} to be absent or none of {@code values} */
        public Builder labelNotIn(String key, String... values) {
            return add(key(key) + " notin (" + values(values) + ")");
        }

        /** @return this builder, requiring label {@code key} to be present */
        public Builder labelExists(String key) {
            return add(key(key));
        }

        /** @return this builder, requiring label {@code key} to be absent */
        public Builder labelMissing(String key) {
            return add("!" + key(key));
        }

        /** @return this builder, adding a raw Kubernetes label selector */
        public Builder selector(String selector) {
            Objects.requireNonNull(selector, "selector");
            return selector.isBlank() ? this : add(selector.trim());
        }

        /** @return this builder, adding every requirement of {@code selector} */
        public Builder selector(BackendSelector selector) {
            requirements.addAll(Objects.requireNonNull(selector, "selector").requirements);
            return this;
        }

        /** @return the selector */
        public BackendSelector build() {
            return new BackendSelector(this);
        }

        private Builder add(String requirement) {
            requirements.add(requirement);
            return this;
        }

        private static String key(String key) {
            Objects.requireNonNull(key, "label key");
            if (key.isEmpty() || FORBIDDEN.matcher(key).find()) {
                throw new IllegalArgumentException("invalid label key '" + key + "': must be non-empty, without spaces, commas, parentheses, '!' or '='");
            }
            return key;
        }

        private static String value(String value) {
            Objects.requireNonNull(value, "label value");
            if (FORBIDDEN.matcher(value).find()) {
                throw new IllegalArgumentException("invalid label value '" + value + "': no spaces, commas, parentheses, '!' or '='");
            }
            return value;
        }

        private static String values(String... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("a set-based label requirement needs at least one value");
            }
            List<String> checked = new ArrayList<>();
            for (String v : values) {
                checked.add(value(v));
            }
            return String.join(",", checked);
        }
    }
}

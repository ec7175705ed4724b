package dev.kgateway.sdk.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Backends a {@code list}, {@code watch} or {@code inform} call covers: label requirements
 * (equality and set-based, ANDed together) and the page size used to fetch large lists. Pages are
 * fetched and joined for you; the page size only bounds each response.
 *
 * <pre>{@code
 * ai.list(ListOptions.withLabel("team", "search"));
 * ai.list(ListOptions.builder().labelIn("tier", "gold", "silver").labelExists("owner").pageSize(200).build());
 * }</pre>
 */
public final class ListOptions {

    /** Page size when none is given. */
    public static final int DEFAULT_PAGE_SIZE = 500;

    private static final ListOptions ALL = builder().build();
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s,()!=]");

    private final List<String> requirements;
    private final int pageSize;

    private ListOptions(Builder builder) {
        this.requirements = List.copyOf(builder.requirements);
        this.pageSize = builder.pageSize;
    }

    /** @return options that select every Backend */
    public static ListOptions all() {
        return ALL;
    }

    /** @return options that select Backends whose label {@code key} equals {@code value} */
    public static ListOptions withLabel(String key, String value) {
        return builder().label(key, value).build();
    }

    /** @return options from a Kubernetes label selector string, such as {@code "team=search,tier in (gold)"} */
    public static ListOptions withLabelSelector(String selector) {
        return builder().selector(selector).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.requirements.addAll(requirements);
        builder.pageSize = pageSize;
        return builder;
    }

    /** @return the label selector in Kubernetes syntax, empty when every Backend is selected */
    public String labelSelector() {
        return String.join(",", requirements);
    }

    /** @return the most items fetched per request */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListOptions o && o.requirements.equals(requirements) && o.pageSize == pageSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(requirements, pageSize);
    }

    @Override
    public String toString() {
        return "ListOptions{labelSelector=" + labelSelector() + ", pageSize=" + pageSize + "}";
    }

    /** Builds {@link ListOptions}; every requirement is ANDed with the others. */
    public static final class Builder {
        private final List<String> requirements = new ArrayList<>();
        private int pageSize = DEFAULT_PAGE_SIZE;

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

        /** @return this builder, fetching at most {@code size} items per request (1 or more) */
        public Builder pageSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /** @return the options */
        public ListOptions build() {
            return new ListOptions(this);
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

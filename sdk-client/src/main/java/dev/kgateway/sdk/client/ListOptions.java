package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.DecodeOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
 *
 * <p>They also say what a read keeps, for caches that only need part of each Backend. By default
 * every read keeps everything. {@link Builder#stripManagedFields(boolean)} drops
 * {@code metadata.managedFields} (most of a served Backend's size) while decoding; a Backend read so
 * can still be written back with {@code update}, because the API server keeps the stored
 * {@code managedFields} when an update omits them. {@link Builder#stripLastAppliedAnnotation(boolean)}
 * drops kubectl's {@value DecodeOptions#LAST_APPLIED_ANNOTATION} annotation too; an update without it
 * would remove it from the server, so once a client has read that way its {@code update} refuses a
 * Backend that lacks the annotation while the stored one has it (use {@code edit}, {@code apply} or
 * {@code patch}). {@link Builder#transform(UnaryOperator)} changes each Backend before it is cached or
 * handed out (controller-runtime's {@code cache.Options.DefaultTransform}).
 *
 * <pre>{@code
 * BackendInformer cache = kgw.backends().inAnyNamespace().inform(
 *     ListOptions.builder().stripManagedFields(true).stripLastAppliedAnnotation(true).build(), handler, Duration.ZERO);
 * }</pre>
 */
public final class ListOptions {

    /** Page size when none is given. */
    public static final int DEFAULT_PAGE_SIZE = 500;

    private static final ListOptions ALL = builder().build();
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s,()!=]");

    private final List<String> requirements;
    private final int pageSize;
    private final DecodeOptions decode;
    private final UnaryOperator<Backend> transform;

    private ListOptions(Builder builder) {
        this.requirements = List.copyOf(builder.requirements);
        this.pageSize = builder.pageSize;
        this.decode = DecodeOptions.strip(builder.stripManagedFields, builder.stripLastApplied);
        this.transform = builder.transform;
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
        builder.stripManagedFields = decode.stripsManagedFields();
        builder.stripLastApplied = decode.stripsLastAppliedAnnotation();
        builder.transform = transform;
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

    /** @return what reads with these options drop while decoding */
    public DecodeOptions decodeOptions() {
        return decode;
    }

    /** @return the transform each Backend read with these options goes through, if any */
    public Optional<UnaryOperator<Backend>> transform() {
        return Optional.ofNullable(transform);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListOptions o && o.requirements.equals(requirements) && o.pageSize == pageSize
                && o.decode == decode && o.transform == transform;
    }

    @Override
    public int hashCode() {
        return Objects.hash(requirements, pageSize, decode, System.identityHashCode(transform));
    }

    @Override
    public String toString() {
        return "ListOptions{labelSelector=" + labelSelector() + ", pageSize=" + pageSize
                + (decode.stripsManagedFields() ? ", stripManagedFields" : "")
                + (decode.stripsLastAppliedAnnotation() ? ", stripLastAppliedAnnotation" : "")
                + (transform != null ? ", transform" : "") + "}";
    }

    /** Builds {@link ListOptions}; every requirement is ANDed with the others. */
    public static final class Builder {
        private final List<String> requirements = new ArrayList<>();
        private int pageSize = DEFAULT_PAGE_SIZE;
        private boolean stripManagedFields;
        private boolean stripLastApplied;
        private UnaryOperator<Backend> transform;

        private Builder() {
        }

        /**
         * @param strip whether reads drop {@code metadata.managedFields} while decoding (default
         *              {@code false}); Backends read so can still be updated: the API server keeps the
         *              stored {@code managedFields} when an update omits them
         * @return this builder
         */
        public Builder stripManagedFields(boolean strip) {
            this.stripManagedFields = strip;
            return this;
        }

        /**
         * @param strip whether reads drop kubectl's {@value DecodeOptions#LAST_APPLIED_ANNOTATION}
         *              annotation while decoding (default {@code false}). An update of a Backend read
         *              so would remove the annotation from the server: once a client read this way, its
         *              {@code update} refuses a Backend that lacks the annotation while the stored one has
         *              it; write with {@code edit}, {@code apply} or {@code patch}
         * @return this builder
         */
        public Builder stripLastAppliedAnnotation(boolean strip) {
            this.stripLastApplied = strip;
            return this;
        }

        /**
         * Changes each Backend a list, watch or informer reads, before an informer caches it or it is
         * handed out (controller-runtime's {@code cache.Options.DefaultTransform}): keep what a cache
         * needs. Not applied to watch bookmarks. A transform that throws or returns {@code null}
         * leaves that Backend as read (logged). Backends it removed members from must not be written
         * back with {@code update} (the members would be removed from the server); use {@code edit},
         * {@code apply} or {@code patch}.
         *
         * <pre>{@code
         * ListOptions.builder().transform(b -> b.withStatus(null)).build();
         * }</pre>
         *
         * @param transform the change, or {@code null} for none; must be thread-safe and cheap (it
         *                  runs on the thread that reads events)
         * @return this builder
         */
        public Builder transform(UnaryOperator<Backend> transform) {
            this.transform = transform;
            return this;
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

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.DecodeOptions;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How a {@code list}, {@code watch} or {@code inform} call reads: which Backends (a
 * {@link BackendSelector}: label requirements, ANDed together) and the page size used to fetch large
 * lists. Pages are fetched and joined for you; the page size only bounds each response.
 * {@code deleteAll} takes only the selection, a {@link BackendSelector}.
 *
 * <pre>{@code
 * ai.list(ListOptions.withLabel("team", "search"));
 * ai.list(ListOptions.builder().selector(s -> s.labelIn("tier", "gold", "silver").labelExists("owner")).pageSize(200).build());
 * }</pre>
 *
 * <p>The builder's {@code label..} methods are shorthands for the same methods of
 * {@link BackendSelector.Builder}.
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

    private final BackendSelector selector;
    private final int pageSize;
    private final DecodeOptions decode;
    private final UnaryOperator<Backend> transform;

    private ListOptions(Builder builder) {
        this.selector = builder.selector.build();
        this.pageSize = builder.pageSize;
        this.decode = DecodeOptions.strip(builder.stripManagedFields, builder.stripLastApplied);
        this.transform = builder.transform;
    }

    /** @return options that select every Backend */
    public static ListOptions all() {
        return ALL;
    }

    /** @return options that read the Backends {@code selector} selects */
    public static ListOptions of(BackendSelector selector) {
        return builder().selector(selector).build();
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
        builder.selector.selector(selector);
        builder.pageSize = pageSize;
        builder.stripManagedFields = decode.stripsManagedFields();
        builder.stripLastApplied = decode.stripsLastAppliedAnnotation();
        builder.transform = transform;
        return builder;
    }

    /** @return which Backends these options read */
    public BackendSelector selector() {
        return selector;
    }

    /** @return the label selector in Kubernetes syntax, empty when every Backend is selected */
    public String labelSelector() {
        return selector.labelSelector();
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
        return other instanceof ListOptions o && o.selector.equals(selector) && o.pageSize == pageSize
                && o.decode == decode && o.transform == transform;
    }

    @Override
    public int hashCode() {
        return Objects.hash(selector, pageSize, decode, System.identityHashCode(transform));
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
        private final BackendSelector.Builder selector = BackendSelector.builder();
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

        /**
         * Adds the requirements {@code configure} sets on a selector builder.
         * <pre>{@code
         * ListOptions.builder().selector(s -> s.label("team", "search").labelExists("owner")).build();
         * }</pre>
         *
         * @return this builder
         */
        public Builder selector(Consumer<BackendSelector.Builder> configure) {
            Objects.requireNonNull(configure, "configure").accept(selector);
            return this;
        }

        /** @return this builder, adding every requirement of {@code selector} */
        public Builder selector(BackendSelector selector) {
            this.selector.selector(selector);
            return this;
        }

        /** @return this builder, requiring label {@code key} to equal {@code value}; see {@link BackendSelector.Builder#label} */
        public Builder label(String key, String value) {
            selector.label(key, value);
            return this;
        }

        /** @return this builder, requiring label {@code key} to be absent or differ from {@code value} */
        public Builder labelNot(String key, String value) {
            selector.labelNot(key, value);
            return this;
        }

        /** @return this builder, requiring label {@code key} to be one of {@code values} */
        public Builder labelIn(String key, String... values) {
            selector.labelIn(key, values);
            return this;
        }

        /** @return this builder, requiring label {@code key} to be absent or none of {@code values} */
        public Builder labelNotIn(String key, String... values) {
            selector.labelNotIn(key, values);
            return this;
        }

        /** @return this builder, requiring label {@code key} to be present */
        public Builder labelExists(String key) {
            selector.labelExists(key);
            return this;
        }

        /** @return this builder, requiring label {@code key} to be absent */
        public Builder labelMissing(String key) {
            selector.labelMissing(key);
            return this;
        }

        /** @return this builder, adding a raw Kubernetes label selector */
        public Builder selector(String selector) {
            this.selector.selector(selector);
            return this;
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
    }
}

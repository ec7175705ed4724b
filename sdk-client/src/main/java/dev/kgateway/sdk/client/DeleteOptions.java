package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a delete behaves: preconditions (delete only the object with this uid and/or
 * resourceVersion, so a Backend re-created or changed meanwhile is kept), the propagation policy
 * for objects the Backend owns, and the grace period. Immutable; build with {@link #builder()} or a
 * static factory. Dry runs are chosen for every write at once with {@link NamespacedBackendClient#dryRun()}.
 *
 * <pre>{@code
 * Backend seen = ai.require("openai");
 * ai.delete("openai", DeleteOptions.ifUnchanged(seen));              // 409 BackendConflictException when it changed
 * ai.delete("openai", DeleteOptions.builder().propagationPolicy(DeleteOptions.PropagationPolicy.FOREGROUND)
 *         .gracePeriod(Duration.ZERO).build());
 * }</pre>
 */
public final class DeleteOptions {

    private static final DeleteOptions DEFAULTS = builder().build();

    /** What happens to the objects the deleted Backend owns (see Kubernetes garbage collection). */
    public enum PropagationPolicy {
        /** Owned objects are kept, their owner reference removed. */
        ORPHAN("Orphan"),
        /** The Backend goes at once; the garbage collector deletes owned objects afterwards. */
        BACKGROUND("Background"),
        /** The Backend stays (with a deletionTimestamp) until its owned objects are deleted. */
        FOREGROUND("Foreground");

        private final String wire;

        PropagationPolicy(String wire) {
            this.wire = wire;
        }

        /** @return the value the API expects ({@code Foreground}) */
        public String wireValue() {
            return wire;
        }
    }

    private final String uid;
    private final String resourceVersion;
    private final PropagationPolicy propagationPolicy;
    private final Duration gracePeriod;

    private DeleteOptions(Builder builder) {
        this.uid = builder.uid;
        this.resourceVersion = builder.resourceVersion;
        this.propagationPolicy = builder.propagationPolicy;
        this.gracePeriod = builder.gracePeriod;
    }

    /** @return options that delete whatever Backend has the name, with the server's defaults */
    public static DeleteOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @return options that delete the Backend only if it is still exactly {@code seen} (same uid and
     *         resourceVersion); otherwise the delete fails with {@link BackendConflictException}
     */
    public static DeleteOptions ifUnchanged(Backend seen) {
        Objects.requireNonNull(seen, "seen");
        if (seen.getMetadata() == null || seen.getMetadata().getUid() == null || seen.getMetadata().getResourceVersion() == null) {
            throw new IllegalArgumentException("ifUnchanged needs a Backend as read from the server (with uid and resourceVersion)");
        }
        return builder().preconditionUid(seen.getMetadata().getUid())
                .preconditionResourceVersion(seen.getMetadata().getResourceVersion()).build();
    }

    /** @return a builder with the server's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        return new Builder().preconditionUid(uid).preconditionResourceVersion(resourceVersion)
                .propagationPolicy(propagationPolicy).gracePeriod(gracePeriod);
    }

    /** @return the uid the Backend must have, if any */
    public Optional<String> preconditionUid() {
        return Optional.ofNullable(uid);
    }

    /** @return the resourceVersion the Backend must have, if any */
    public Optional<String> preconditionResourceVersion() {
        return Optional.ofNullable(resourceVersion);
    }

    /** @return the propagation policy, if set (else the server's default for the resource) */
    public Optional<PropagationPolicy> propagationPolicy() {
        return Optional.ofNullable(propagationPolicy);
    }

    /** @return the grace period, if set (else the server's default) */
    public Optional<Duration> gracePeriod() {
        return Optional.ofNullable(gracePeriod);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeleteOptions d && Objects.equals(uid, d.uid) && Objects.equals(resourceVersion, d.resourceVersion)
                && propagationPolicy == d.propagationPolicy && Objects.equals(gracePeriod, d.gracePeriod);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uid, resourceVersion, propagationPolicy, gracePeriod);
    }

    @Override
    public String toString() {
        return "DeleteOptions{uid=" + uid + ", resourceVersion=" + resourceVersion + ", propagationPolicy=" + propagationPolicy
                + ", gracePeriod=" + gracePeriod + "}";
    }

    /** Builds {@link DeleteOptions}. */
    public static final class Builder {
        private String uid;
        private String resourceVersion;
        private PropagationPolicy propagationPolicy;
        private Duration gracePeriod;

        private Builder() {
        }

        /** @return this builder; the delete fails (409) unless the Backend has this uid ({@code null} for no such check) */
        public Builder preconditionUid(String uid) {
            this.uid = blankToNull(uid, "uid");
            return this;
        }

        /** @return this builder; the delete fails (409) unless the Backend has this resourceVersion ({@code null} for no such check) */
        public Builder preconditionResourceVersion(String resourceVersion) {
            this.resourceVersion = blankToNull(resourceVersion, "resourceVersion");
            return this;
        }

        /** @return this builder, with {@code policy} for owned objects ({@code null} for the server's default) */
        public Builder propagationPolicy(PropagationPolicy policy) {
            this.propagationPolicy = policy;
            return this;
        }

        /** @return this builder, with a grace period in whole seconds, {@code ZERO} for at once ({@code null} for the default) */
        public Builder gracePeriod(Duration gracePeriod) {
            if (gracePeriod != null && (gracePeriod.isNegative() || gracePeriod.toNanos() % 1_000_000_000L != 0)) {
                throw new IllegalArgumentException("gracePeriod must be whole seconds, 0 or more (was " + gracePeriod + ")");
            }
            this.gracePeriod = gracePeriod;
            return this;
        }

        /** @return the options */
        public DeleteOptions build() {
            return new DeleteOptions(this);
        }

        private static String blankToNull(String value, String what) {
            if (value != null && value.isBlank()) {
                throw new IllegalArgumentException(what + " precondition must not be blank");
            }
            return value;
        }
    }
}

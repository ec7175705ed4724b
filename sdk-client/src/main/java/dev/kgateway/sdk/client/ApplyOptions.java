package dev.kgateway.sdk.client;

import java.util.Objects;

/**
 * How a server-side apply behaves: which field manager owns the applied fields, and whether to take
 * fields owned by other managers ({@code force}).
 *
 * <pre>{@code
 * ai.apply(backend, ApplyOptions.fieldManager("my-operator").withForce(true));
 * }</pre>
 *
 * @param fieldManager name recorded as the owner of the applied fields
 * @param force        whether to take over fields that another manager owns
 */
public record ApplyOptions(String fieldManager, boolean force) {

    /** The field manager used when none is configured. */
    public static final String DEFAULT_FIELD_MANAGER = "kgateway-java-sdk";

    /** Validates the options. */
    public ApplyOptions {
        Objects.requireNonNull(fieldManager, "fieldManager");
        if (fieldManager.isBlank() || fieldManager.length() > 128) {
            throw new IllegalArgumentException("fieldManager must be 1 to 128 characters");
        }
    }

    /** @return apply as {@code manager}, without forcing conflicts */
    public static ApplyOptions fieldManager(String manager) {
        return new ApplyOptions(manager, false);
    }

    /** @return apply as {@link #DEFAULT_FIELD_MANAGER}, without forcing conflicts */
    public static ApplyOptions defaults() {
        return new ApplyOptions(DEFAULT_FIELD_MANAGER, false);
    }

    /** @return these options with {@code force} set */
    public ApplyOptions withForce(boolean force) {
        return new ApplyOptions(fieldManager, force);
    }
}

package dev.kgateway.sdk.spring.boot;

/**
 * What the auto-configured client checks a Backend against before a write ({@code kgateway.validation.mode}).
 */
public enum ValidationMode {
    /** The schema this SDK was built from ({@code Backend.validateOrThrow()}); the default. */
    SDK_SCHEMA,
    /**
     * The CRD of one kgateway release line ({@code kgateway.validation.release}). Not available in
     * this SDK version yet: the application fails to start with this mode rather than check against
     * a different schema than the one asked for.
     */
    KGATEWAY_RELEASE,
    /**
     * The Backend CRD installed in the cluster. Not available in this SDK version yet: the
     * application fails to start with this mode.
     */
    CLUSTER_CRD,
    /** No check before sending; the API server still validates. */
    NONE
}

package dev.kgateway.sdk.spring.boot;

/**
 * What the auto-configured client checks a Backend against before a write ({@code kgateway.validation.mode}).
 */
public enum ValidationMode {
    /** The schema this SDK was built from ({@code Backend.validateOrThrow()}); the default. */
    SDK_SCHEMA,
    /**
     * The bundled CRD of one kgateway release line ({@code kgateway.validation.release}: {@code v2.0} to
     * {@code v2.4}, {@code main}); needs {@code kgateway-sdk-validation} on the classpath. Members that
     * release would prune are refused before sending.
     */
    KGATEWAY_RELEASE,
    /**
     * The Backend CRD installed in the cluster, read on the first write and kept current; falls back
     * to the SDK's schema (one WARN) when it cannot be read. Needs {@code kgateway-sdk-validation} and
     * read access to {@code customresourcedefinitions}.
     */
    CLUSTER_CRD,
    /** No check before sending; the API server still validates. */
    NONE
}

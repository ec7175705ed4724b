package dev.kgateway.sdk.client;

import dev.kgateway.sdk.validation.KgatewayRelease;

import java.util.Objects;

/**
 * Which schema the client checks a Backend against before it writes it. A write that would be
 * refused, or would lose a member to the server's pruning, then fails before it is sent, with an
 * {@link dev.kgateway.sdk.model.InvalidBackendException} listing the violations.
 *
 * <pre>{@code
 * KgatewayClient kgw = KgatewayClient.builder()
 *     .crdValidation(CrdValidation.cluster())                  // the Backend CRD installed in the cluster
 *     .build();
 * KgatewayClient offline = KgatewayClient.builder()
 *     .crdValidation(CrdValidation.release(KgatewayRelease.V2_3)) // the CRD of a kgateway release line
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>{@link #sdkSchema()} (the default): {@code Backend.validate()}, the SDK's own schema, a
 *       superset of every kgateway release; needs nothing more than the model.</li>
 *   <li>{@link #cluster()}: reads {@code backends.gateway.kgateway.dev} on the first write and keeps it
 *       current with a watch (needs {@code get}, {@code list} and {@code watch} on
 *       {@code customresourcedefinitions}); when the CRD cannot be read (403, or not installed) it logs
 *       one WARN and checks against the SDK's schema until it can.</li>
 *   <li>{@link #release(KgatewayRelease)}: the CRD of one kgateway release line, bundled; no cluster access.</li>
 *   <li>{@link #off()}: no check; the server decides (and prunes silently).</li>
 * </ul>
 *
 * <p>{@code cluster()} and {@code release(..)} need {@code kgateway-sdk-validation} on the classpath
 * (an optional dependency of the client: it brings Google's CEL, protobuf and Guava).
 */
public final class CrdValidation {

    /** What to check against. */
    public enum Source {
        /** No check before writes. */
        OFF,
        /** {@code Backend.validate()}: the SDK's own schema. */
        SDK_SCHEMA,
        /** The bundled CRD of one kgateway release line. */
        RELEASE,
        /** The CRD installed in the cluster, kept current by a watch. */
        CLUSTER
    }

    private static final String VALIDATION_CLASS = "dev.kgateway.sdk.validation.CrdValidator";
    private static final CrdValidation OFF = new CrdValidation(Source.OFF, null);
    private static final CrdValidation SDK_SCHEMA = new CrdValidation(Source.SDK_SCHEMA, null);

    private final Source source;
    /** A {@link KgatewayRelease} for {@link Source#RELEASE}; typed Object so this class loads without sdk-validation. */
    private final Object release;

    private CrdValidation(Source source, Object release) {
        this.source = source;
        this.release = release;
    }

    /** @return checks against the Backend CRD installed in the cluster, read once and kept current by a watch */
    public static CrdValidation cluster() {
        requireValidationModule("cluster()");
        return new CrdValidation(Source.CLUSTER, null);
    }

    /** @return checks against the bundled Backend CRD of {@code release}, without cluster access */
    public static CrdValidation release(KgatewayRelease release) {
        Objects.requireNonNull(release, "release");
        return new CrdValidation(Source.RELEASE, release);
    }

    /** @return checks against the SDK's own schema ({@code Backend.validate()}): the default */
    public static CrdValidation sdkSchema() {
        return SDK_SCHEMA;
    }

    /** @return no check before writes */
    public static CrdValidation off() {
        return OFF;
    }

    /** @return what writes are checked against */
    public Source source() {
        return source;
    }

    /** @return the release for {@link Source#RELEASE}, {@code null} otherwise (typed Object: sdk-validation is optional) */
    Object release() {
        return release;
    }

    private static void requireValidationModule(String option) {
        try {
            Class.forName(VALIDATION_CLASS, false, CrdValidation.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("CrdValidation." + option + " needs dev.kgateway.sdk:kgateway-sdk-validation on the classpath"
                    + " (an optional dependency of kgateway-sdk-client); add it, or use CrdValidation.sdkSchema()", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrdValidation other && source == other.source && Objects.equals(release, other.release);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, release);
    }

    @Override
    public String toString() {
        return "CrdValidation{" + source + (release == null ? "" : " " + release) + "}";
    }
}

package dev.kgateway.sdk.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link KgatewayClient#installCrd(CrdInstallOptions)} treats a Backend CRD that exists
 * already, and how long it waits for the API server to serve Backends ({@code Established}).
 *
 * <p>The SDK marks the CRD it installs with the label {@value #MANAGED_BY_LABEL}{@code =}{@value #MANAGED_BY}.
 * A CRD without that label was installed by someone else (kgateway's Helm chart, most likely):
 * replacing it would change the schema kgateway itself serves, so {@link #overwrite()} refuses it
 * and only {@link #forceReplaceForeign()} replaces it.
 *
 * <pre>{@code
 * kgw.installCrd(CrdInstallOptions.defaults());                                   // create when missing
 * kgw.installCrd(CrdInstallOptions.overwrite());                                  // also update the SDK's own CRD
 * kgw.installCrd(CrdInstallOptions.overwrite().withEstablishedTimeout(Duration.ofMinutes(2)));
 * }</pre>
 */
public final class CrdInstallOptions {

    /** The label that marks a CRD the SDK installed. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** Its value. */
    public static final String MANAGED_BY = "kgateway-java-sdk";
    /** How long an install waits for the CRD to be Established when not told otherwise. */
    public static final Duration DEFAULT_ESTABLISHED_TIMEOUT = Duration.ofSeconds(60);

    private final boolean overwrite;
    private final boolean replaceForeign;
    private final Duration establishedTimeout;

    private CrdInstallOptions(boolean overwrite, boolean replaceForeign, Duration establishedTimeout) {
        this.overwrite = overwrite;
        this.replaceForeign = replaceForeign;
        this.establishedTimeout = Objects.requireNonNull(establishedTimeout, "establishedTimeout");
        if (establishedTimeout.isNegative()) {
            throw new IllegalArgumentException("establishedTimeout must not be negative");
        }
    }

    /** @return create the CRD when it is missing; leave an existing one untouched */
    public static CrdInstallOptions defaults() {
        return new CrdInstallOptions(false, false, DEFAULT_ESTABLISHED_TIMEOUT);
    }

    /** @return create the CRD, or replace one the SDK installed; refuse to replace a CRD someone else installed */
    public static CrdInstallOptions overwrite() {
        return new CrdInstallOptions(true, false, DEFAULT_ESTABLISHED_TIMEOUT);
    }

    /**
     * @return create or replace the CRD, even one the SDK did not install (kgateway's own): only for
     *         clusters where you know nothing else depends on that CRD
     */
    public static CrdInstallOptions forceReplaceForeign() {
        return new CrdInstallOptions(true, true, DEFAULT_ESTABLISHED_TIMEOUT);
    }

    /** @return these options, waiting at most {@code timeout} for {@code Established} ({@code ZERO}: do not wait) */
    public CrdInstallOptions withEstablishedTimeout(Duration timeout) {
        return new CrdInstallOptions(overwrite, replaceForeign, timeout);
    }

    /** @return whether an existing CRD is replaced */
    public boolean overwriteExisting() {
        return overwrite;
    }

    /** @return whether an existing CRD the SDK did not install may be replaced */
    public boolean replaceForeign() {
        return replaceForeign;
    }

    /** @return the longest wait for {@code Established} */
    public Duration establishedTimeout() {
        return establishedTimeout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrdInstallOptions c && c.overwrite == overwrite && c.replaceForeign == replaceForeign
                && c.establishedTimeout.equals(establishedTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(overwrite, replaceForeign, establishedTimeout);
    }

    @Override
    public String toString() {
        return "CrdInstallOptions{overwrite=" + overwrite + ", replaceForeign=" + replaceForeign + ", establishedTimeout="
                + establishedTimeout + "}";
    }
}

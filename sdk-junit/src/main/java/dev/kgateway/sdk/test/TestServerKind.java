package dev.kgateway.sdk.test;

import java.util.Locale;

/**
 * Which API server a {@link KgatewayTest @KgatewayTest} class runs on.
 *
 * <pre>{@code
 * @KgatewayTest(server = TestServerKind.KUBE_APISERVER)      // always the real one
 * class RealServerOnlyTest { ... }
 * }</pre>
 *
 * <p>{@link #DEFAULT} lets the run choose: {@code -Dkgateway.sdk.test.server=kube-apiserver} (or the
 * environment variable {@code KGATEWAY_SDK_TEST_SERVER}) runs every such class on the real one.
 */
public enum TestServerKind {
    /** As the run says (system property {@code kgateway.sdk.test.server}, else {@code KGATEWAY_SDK_TEST_SERVER}); embedded when it says nothing. */
    DEFAULT,
    /** {@link KgatewayTestServer}: in-process, fast, with faults and a request log. */
    EMBEDDED,
    /** A real kube-apiserver with etcd ({@code dev.kgateway.sdk.kubeapiserver.KubeApiServer}), one per JVM. */
    KUBE_APISERVER;

    /** System property that chooses the server of {@link #DEFAULT} classes: {@code embedded} or {@code kube-apiserver}. */
    public static final String PROPERTY = "kgateway.sdk.test.server";

    /** @return this kind, or for {@link #DEFAULT} the kind the run chooses */
    public TestServerKind resolve() {
        if (this != DEFAULT) {
            return this;
        }
        String chosen = System.getProperty(PROPERTY);
        if (chosen == null || chosen.isBlank()) {
            chosen = System.getenv("KGATEWAY_SDK_TEST_SERVER");
        }
        if (chosen == null || chosen.isBlank()) {
            return EMBEDDED;
        }
        return switch (chosen.trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> EMBEDDED;
            case "kube-apiserver", "kube_apiserver", "real" -> KUBE_APISERVER;
            default -> throw new IllegalArgumentException(PROPERTY + " must be embedded or kube-apiserver, was " + chosen);
        };
    }
}

package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.EmbeddedApiServer;
import dev.kgateway.sdk.embeddedapiserver.RequestInterceptor;
import dev.kgateway.sdk.validation.KgatewayRelease;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The embedded API server of {@code kgateway-sdk-embedded-apiserver} with an SDK client of its
 * own: everything {@link EmbeddedApiServer} does (faults, request log, watch control, CRDs), plus
 * {@link #kgatewayClient()}.
 *
 * <pre>{@code
 * try (KgatewayTestServer server = KgatewayTestServer.start()) {      // Backend CRD installed
 *     String ns = server.createNamespace();
 *     server.kgatewayClient().backends().inNamespace(ns).apply(backend);
 *     server.faults().failNext(1, 503);
 *     assertThat(server.requests()).extracting(RecordedCall::method).contains("PATCH");
 * }
 * }</pre>
 *
 * <p>In JUnit 5 tests, {@link KgatewayTest @KgatewayTest} starts and stops it for you.
 * Thread-safe.
 */
public final class KgatewayTestServer extends EmbeddedApiServer implements TestCluster {

    private final KgatewayClient kgateway;

    private KgatewayTestServer(Builder builder) {
        super(builder);
        try {
            kgateway = newKgatewayClient(b -> { });
        } catch (RuntimeException e) {
            super.close();
            throw e;
        }
    }

    /** @return a started server with the SDK's Backend CRD installed and the default admission */
    public static KgatewayTestServer start() {
        return builder().start();
    }

    /** @return a builder for a server with other settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@link TestServerKind#EMBEDDED} */
    @Override
    public TestServerKind kind() {
        return TestServerKind.EMBEDDED;
    }

    /** @return the SDK client of this server (default settings, short retry delays); closed with the server */
    @Override
    public KgatewayClient kgatewayClient() {
        return kgateway;
    }

    /**
     * @param customize changes to the defaults (retry policy {@code 4 attempts, 10..100 ms})
     * @return a new SDK client of this server, with its own fabric8 client; the caller closes it
     */
    public KgatewayClient newKgatewayClient(Consumer<KgatewayClient.Builder> customize) {
        KgatewayClient.Builder builder = KgatewayClient.builder().config(config())
                .retryPolicy(new RetryPolicy(4, 30, Duration.ofMillis(10), Duration.ofMillis(100)));
        customize.accept(builder);
        return builder.build();
    }

    /** Stops the server and closes its clients. */
    @Override
    public void close() {
        if (kgateway != null) {             // null while the server itself fails to start
            kgateway.close();
        }
        super.close();
    }

    /** Never shows credentials (there are none). */
    @Override
    public String toString() {
        return "KgatewayTestServer{url=" + url() + "}";
    }

    /** Settings of a {@link KgatewayTestServer}: those of {@link EmbeddedApiServer.Builder}. */
    public static final class Builder extends EmbeddedApiServer.Builder {

        private Builder() {
        }

        @Override
        public Builder admission(Admission admission) {
            super.admission(admission);
            return this;
        }

        @Override
        public Builder watchHistory(int events) {
            super.watchHistory(events);
            return this;
        }

        @Override
        public Builder bookmarkInterval(Duration interval) {
            super.bookmarkInterval(interval);
            return this;
        }

        @Override
        public Builder crds(String... resources) {
            super.crds(resources);
            return this;
        }

        @Override
        public Builder release(KgatewayRelease release) {
            super.release(release);
            return this;
        }

        @Override
        public Builder interceptor(RequestInterceptor interceptor) {
            super.interceptor(interceptor);
            return this;
        }

        @Override
        public KgatewayTestServer start() {
            return new KgatewayTestServer(this);
        }
    }
}

package dev.kgateway.sdk.embeddedapiserver;

import dev.kgateway.sdk.embeddedapiserver.internal.ApiServerDispatcher;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.embeddedapiserver.internal.Timers;
import dev.kgateway.sdk.validation.KgatewayRelease;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;

/**
 * An embedded Kubernetes API server that behaves like kube-apiserver for what a Backend client
 * uses: server-side apply with field ownership and conflicts, validation answered with 422,
 * resourceVersion, generation, finalizers and delete preconditions, paged lists with set-based
 * selectors, watches that resume from a resourceVersion, send bookmarks and answer 410 when too
 * old, faults on demand and a request log. Built on fabric8's {@code MockWebServer}; it listens on
 * the loopback address only and reads no kubeconfig.
 *
 * <pre>{@code
 * try (EmbeddedApiServer server = EmbeddedApiServer.start();         // Backend CRD installed
 *      KgatewayClient kgw = KgatewayClient.builder().config(server.config()).build()) {
 *     String ns = server.createNamespace();
 *     kgw.backends().inNamespace(ns).apply(backend);
 *     server.faults().failNext(1, 503);
 *     assertThat(server.requests()).extracting(RecordedCall::method).contains("PATCH");
 * }
 * }</pre>
 *
 * <p>It needs neither JUnit nor the SDK client: any client of the Kubernetes API can talk to it.
 * In JUnit 5 tests, {@code @KgatewayTest} of {@code kgateway-sdk-junit} starts and stops it for you
 * and injects an SDK client ({@code KgatewayTestServer} is this server plus that client).
 * Thread-safe.
 */
public class EmbeddedApiServer implements AutoCloseable {

    /** The mock web server logs every request at INFO through java.util.logging; a strong reference keeps the level. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    /** Classpath location of the SDK's Backend CRD, in the model jar. */
    public static final String SDK_BACKEND_CRD = "META-INF/kgateway-sdk/crds/backends.gateway.kgateway.dev.yaml";

    private final Faults faults = new Faults();
    private final ApiServerDispatcher dispatcher;
    private final Admission admission;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ScheduledFuture<?> bookmarks;

    /** For subclasses that add clients of their own; use {@link #start()} or {@link #builder()}. */
    protected EmbeddedApiServer(Builder builder) {
        admission = builder.admission;
        RequestInterceptor hooks = builder.interceptor;
        dispatcher = new ApiServerDispatcher(builder.admission, builder.watchHistory, new RequestInterceptor() {
            @Override
            public MockResponse before(RecordedCall call) {
                MockResponse fault = faults.take(call);
                return fault != null ? fault : hooks.before(call);
            }

            @Override
            public MockResponse after(RecordedCall call, MockResponse answer) {
                return hooks.after(call, faults.afterHandling(call, answer));
            }
        }, faults::latency);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = new KubernetesClientBuilder().withConfig(config()).build();
        bookmarks = builder.bookmarkInterval.isZero() ? null : Timers.every(dispatcher::sendBookmarks, builder.bookmarkInterval);
        try {
            boolean releaseInstalled = builder.release == KgatewayRelease.SDK;
            for (String crd : builder.crds) {
                if (crd.equals(SDK_BACKEND_CRD) && !releaseInstalled) {
                    installCrd(builder.release);
                    releaseInstalled = true;
                } else {
                    installCrd(crd);
                }
            }
            if (!releaseInstalled) {
                installCrd(builder.release);
            }
        } catch (RuntimeException e) {
            stop();                              // not close(): a subclass is not constructed yet
            throw e;
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** @return a started server with the SDK's Backend CRD installed and the default admission ({@link CrdAdmission}) */
    public static EmbeddedApiServer start() {
        return builder().start();
    }

    /** @return a builder for a server with other settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the server's base URL, {@code http://127.0.0.1:<port>/} */
    public String url() {
        return server.url("/");
    }

    /**
     * @return a fabric8 configuration for this server, built from nothing: no kubeconfig, no
     *         environment variable, no service account is read; namespace {@code default}
     */
    public Config config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace("default")
                .withTrustCerts(true)
                .withWatchReconnectInterval(50)
                .withRequestRetryBackoffInterval(10)
                .build();
    }

    /** @return the fabric8 client of this server (fabric8's defaults, its own retries on); closed with the server */
    public KubernetesClient kubernetesClient() {
        return client;
    }

    /** @return the name of a new namespace, {@code test-<random>} */
    public String createNamespace() {
        return createNamespace("test-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));
    }

    /** Creates namespace {@code name}. @return {@code name} */
    public String createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** Deletes namespace {@code name} and everything in it. */
    public void deleteNamespace(String name) {
        client.namespaces().withName(name).delete();
    }

    /** Creates the CRD at classpath location {@code resource} (YAML or JSON). */
    public void installCrd(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader() != null
                && Thread.currentThread().getContextClassLoader().getResource(resource) != null
                ? Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)
                : EmbeddedApiServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no CRD on the classpath at " + resource);
            }
            installCrd(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the Backend CRD of a kgateway release line (bundled in {@code kgateway-sdk-validation}),
     * or replaces the installed Backend CRD with it: writes are checked against it from then on.
     */
    public void installCrd(KgatewayRelease release) {
        CustomResourceDefinition crd = client.getKubernetesSerialization()
                .unmarshal(BackendJson.jsonMapper().writeValueAsString(release.crd()), CustomResourceDefinition.class);
        prepare(crd);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(NonDeletingOperation::update);
    }

    /** Creates {@code crd}; its kind is served from then on. */
    public void installCrd(CustomResourceDefinition crd) {
        prepare(crd);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    /** Lets a {@link CrdAdmission} compile the CRD's rules before the CRD is served, outside any request's timeout. */
    private void prepare(CustomResourceDefinition crd) {
        if (admission instanceof CrdAdmission crdAdmission) {
            crdAdmission.prepare(BackendJson.jsonMapper().readTree(client.getKubernetesSerialization().asJson(crd)));
        }
    }

    /** @return every request received so far, in order (credentials redacted) */
    public List<RecordedCall> requests() {
        return dispatcher.requests();
    }

    /** @return the requests received so far that match {@code filter}, in order */
    public List<RecordedCall> requests(Predicate<RecordedCall> filter) {
        return dispatcher.requests().stream().filter(filter).toList();
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        dispatcher.clearRequests();
    }

    /** @return the faults to inject: error answers and latency */
    public Faults faults() {
        return faults;
    }

    /** Closes every open watch from the server side; clients reconnect from their last resourceVersion. @return how many were open */
    public int dropWatches() {
        return dispatcher.dropWatches();
    }

    /**
     * Forgets the watch history, as a compaction does: a watch from an older resourceVersion gets an
     * ERROR event with a 410 Status, and an older continue token gets 410 Expired. Open watches stay
     * open; call {@link #dropWatches()} too to make clients resume (and get the 410).
     */
    public void expireWatchHistory() {
        dispatcher.expireHistory();
    }

    /** Sends a BOOKMARK now to every watch that asked for bookmarks (they also get one every bookmark interval). */
    public void sendBookmarks() {
        dispatcher.sendBookmarks();
    }

    /** @return how many watches are open */
    public int openWatches() {
        return dispatcher.openWatches();
    }

    /** @return the newest resourceVersion the server handed out (a cluster-wide counter) */
    public long currentResourceVersion() {
        return dispatcher.currentResourceVersion();
    }

    /** Stops the server and closes its clients. */
    @Override
    public void close() {
        stop();
    }

    private void stop() {
        if (bookmarks != null) {
            bookmarks.cancel(false);
        }
        client.close();
        dispatcher.shutdown();
        server.destroy();
    }

    /** Never shows credentials (there are none). */
    @Override
    public String toString() {
        return "EmbeddedApiServer{url=" + url() + "}";
    }

    /**
     * Settings of a {@link EmbeddedApiServer}.
     *
     * <pre>{@code
     * EmbeddedApiServer server = EmbeddedApiServer.builder()
     *     .admission(myCrdValidator)
     *     .watchHistory(50)
     *     .bookmarkInterval(Duration.ofMillis(200))
     *     .start();
     * }</pre>
     */
    public static class Builder {
        private Admission admission = new CrdAdmission();
        private KgatewayRelease release = KgatewayRelease.SDK;
        private int watchHistory = 1000;
        private Duration bookmarkInterval = Duration.ofSeconds(1);
        private List<String> crds = List.of(SDK_BACKEND_CRD);
        private RequestInterceptor interceptor = new RequestInterceptor() { };

        /** For subclasses' builders; use {@link EmbeddedApiServer#builder()}. */
        protected Builder() {
        }

        /**
         * @return this builder, checking custom resources with {@code admission} (default {@link CrdAdmission}: the
         *         installed CRD's pruning, defaults, schema and CEL rules; {@link BackendModelAdmission} runs the model's checks)
         */
        public Builder admission(Admission admission) {
            this.admission = Objects.requireNonNull(admission, "admission");
            return this;
        }

        /** @return this builder, keeping the last {@code events} changes for watches to resume from (default 1000) */
        public Builder watchHistory(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("watchHistory must be at least 1");
            }
            this.watchHistory = events;
            return this;
        }

        /** @return this builder, sending BOOKMARK events this often to watches that allow them ({@link Duration#ZERO}: only on demand) */
        public Builder bookmarkInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("bookmarkInterval must not be negative");
            }
            this.bookmarkInterval = interval;
            return this;
        }

        /** @return this builder, installing the CRDs at these classpath locations at start instead of the SDK's Backend CRD */
        public Builder crds(String... resources) {
            this.crds = List.of(resources);
            return this;
        }

        /**
         * @return this builder, installing the Backend CRD of kgateway release {@code release} in place of the SDK's
         *         (default {@link KgatewayRelease#SDK}); with the default admission, writes are pruned, defaulted and
         *         validated as a cluster running that release does
         */
        public Builder release(KgatewayRelease release) {
            this.release = Objects.requireNonNull(release, "release");
            return this;
        }

        /** @return this builder, letting {@code interceptor} see (and answer, or change the answer to) every request; expert */
        public Builder interceptor(RequestInterceptor interceptor) {
            this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
            return this;
        }

        /** @return the started server */
        public EmbeddedApiServer start() {
            return new EmbeddedApiServer(this);
        }
    }
}

package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watch event delivery: the time from opening a watch until the listener has received
 * {@code events} MODIFIED events, SDK {@code backends().inNamespace(ns).watch(listener)} against
 * raw fabric8 {@code genericKubernetesResources(apiVersion, "Backend").inNamespace(ns).watch(watcher)}.
 *
 * <p>Fairness: each side gets the identical byte stream. Before every invocation the mock server
 * (CRUD mode, SDK CRD installed) is given a one-shot expectation for that side's watch request: the
 * WebSocket opens and the server sends all {@code events} pre-serialized MODIFIED events at once
 * (distinct Backends from {@link Workloads}, increasing resourceVersions; {@code type} before
 * {@code object}, in the order of the API server's {@code metav1.WatchEvent}). So no producer runs during
 * the measurement and the server only copies bytes out; what is timed is the client side: frames in,
 * JSON decoded (into model Backends via BackendResource, or into GenericKubernetesResource), handed
 * to the listener. The SDK's watch first lists (to get a resourceVersion, as it always does); that
 * list is answered by a one-shot expectation with an empty page and is part of the SDK's time.
 * SingleShotTime: one invocation = one watch = all events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 4)
@Measurement(iterations = 8)
public class ClientWatchBenchmark {

    static final String NAMESPACE = "watch";
    static final String PATH = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + NAMESPACE + "/backends";
    static final String LIST_RESOURCE_VERSION = "100";

    @Param({"10000"})
    public int events;

    private MockCluster cluster;
    private NamespacedBackendClient sdk;
    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> raw;
    private Object[] messages;
    private CountDownLatch modified;
    private AutoCloseable open;

    @Setup(Level.Trial)
    public void start() {
        cluster = new MockCluster();
        sdk = cluster.kgateway.backends().inNamespace(NAMESPACE);
        raw = cluster.generic().inNamespace(NAMESPACE);
        List<Map<String, Object>> items = Workloads.items(events, NAMESPACE);
        messages = new Object[events];
        for (int i = 0; i < events; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) items.get(i).get("metadata");
            metadata.put("resourceVersion", Integer.toString(1000 + i));
            // as the API server writes it: metav1.WatchEvent is a struct, type before object
            messages[i] = "{\"type\":\"MODIFIED\",\"object\":" + Workloads.writeString(items.get(i)) + "}";
        }
    }

    @Setup(Level.Invocation)
    public void expectWatch() {
        modified = new CountDownLatch(events);
        // one-shot answers, consumed by whichever side runs in this fork
        cluster.server.expect().get().withPath(PATH + "?limit=500")
                .andReturn(200, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"items\":[],\"kind\":\"BackendList\","
                        + "\"metadata\":{\"resourceVersion\":\"" + LIST_RESOURCE_VERSION + "\"}}")
                .once();
        cluster.server.expect().get().withPath(PATH + "?allowWatchBookmarks=true&resourceVersion=" + LIST_RESOURCE_VERSION + "&watch=true")
                .andUpgradeToWebSocket().open(messages).done().once();
        cluster.server.expect().get().withPath(PATH + "?allowWatchBookmarks=true&watch=true")
                .andUpgradeToWebSocket().open(messages).done().once();
    }

    @TearDown(Level.Invocation)
    public void closeWatch() throws Exception {
        if (open != null) {
            open.close();
            open = null;
        }
        cluster.server.clearExpectations();
    }

    @TearDown(Level.Trial)
    public void stop() {
        cluster.close();
    }

    @Benchmark
    public long sdk(CpuTime cpu) throws InterruptedException {
        cpu.calls++;
        BackendWatch watch = sdk.watch(event -> {
            if (event.type() == BackendEvent.Type.MODIFIED || event.type() == BackendEvent.Type.ADDED) {
                modified.countDown();
            }
        });
        open = watch;
        return await();
    }

    @Benchmark
    public long fabric8(CpuTime cpu) throws InterruptedException {
        cpu.calls++;
        Watch watch = raw.watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (action == Action.MODIFIED) {
                    modified.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // reported by the latch timing out
            }
        });
        open = watch::close;
        return await();
    }

    private long await() throws InterruptedException {
        if (!modified.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (events - modified.getCount()) + " of " + events + " events arrived");
        }
        return modified.getCount();
    }
}

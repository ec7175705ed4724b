package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
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
import java.util.concurrent.TimeUnit;

/**
 * Listing Backends over HTTP from the SDK's embedded API server ({@link MockCluster}): the SDK's
 * {@code backends().inNamespace(ns).list()} (model Backends) against fabric8's
 * {@code genericKubernetesResources(apiVersion, "Backend").inNamespace(ns).list()}, on the same
 * server, client and data. Each fork starts its own server, installs the SDK's CRD and creates the
 * items once. The server pages as kube-apiserver does: the SDK's list asks for pages of 500, so
 * 1,000 items take two requests, while fabric8's unpaged list takes one. Server time (composing
 * the responses) is part of both measurements.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
public class ClientListBenchmark {

    static final String NAMESPACE = "bench";

    @Param({"1000"})
    public int items;

    private MockCluster cluster;
    private NamespacedBackendClient sdk;
    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> raw;

    @Setup(Level.Trial)
    public void start() {
        cluster = new MockCluster();
        cluster.createBackends(NAMESPACE, items);
        sdk = cluster.kgateway.backends().inNamespace(NAMESPACE);
        raw = cluster.generic().inNamespace(NAMESPACE);
        if (sdk.list().size() != items || raw.list().getItems().size() != items) {
            throw new IllegalStateException("the server does not hold " + items + " Backends");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        cluster.close();
    }

    @Benchmark
    public List<Backend> sdk(CpuTime cpu) {
        cpu.calls++;
        return sdk.list();
    }

    @Benchmark
    public GenericKubernetesResourceList fabric8(CpuTime cpu) {
        cpu.calls++;
        return raw.list();
    }
}

package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.validation.CrdValidator;
import dev.kgateway.sdk.validation.KgatewayRelease;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Validating Backends against a CRD (sdk-validation's {@link CrdValidator}: pruning, defaults,
 * structural schema, CEL rules) next to decoding the same Backends, in the same run: the target is
 * that validating N Backends costs no more than decoding them ({@code validate* / decode <= 1}).
 * Every method handles the same {@code BackendList} of {@link Workloads}; the CRD is the SDK's own
 * (the documents are in its shape), compiled once in setup, as a client would hold it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class ValidateBenchmark {

    @Param({"100", "10000"})
    public int size;

    private byte[] json;
    private List<JsonNode> trees;
    private List<Backend> backends;
    private CrdValidator validator;

    @Setup
    public void setup() {
        json = Workloads.backendList(size);
        JsonNode list = BackendJson.jsonMapper().readTree(json);
        trees = new ArrayList<>();
        list.path("items").forEach(trees::add);
        backends = Codecs.SDK.readValue(json, SdkBackendList.class).items;
        validator = KgatewayRelease.SDK.validator();
        if (trees.size() != size || backends.size() != size) {
            throw new IllegalStateException("expected " + size + " items");
        }
    }

    /** The baseline: the list's bytes decoded into model Backends ({@code DecodeBenchmark.sdk}). */
    @Benchmark
    public SdkBackendList decode(CpuTime cpu) {
        cpu.calls++;
        return Codecs.SDK.readValue(json, SdkBackendList.class);
    }

    /** Every item, already a JSON tree, validated: what a GitOps check or the client's write path does with a document. */
    @Benchmark
    public int validateTrees(CpuTime cpu) {
        cpu.calls++;
        int violations = 0;
        for (JsonNode tree : trees) {
            violations += validator.validate(tree).size();
        }
        return violations;
    }

    /** Every item, a model Backend, validated: includes turning each Backend into a tree. */
    @Benchmark
    public int validateBackends(CpuTime cpu) {
        cpu.calls++;
        int violations = 0;
        for (Backend backend : backends) {
            violations += validator.validate(backend).size();
        }
        return violations;
    }
}

package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.model.DecodeOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
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
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.ObjectReader;

import java.util.concurrent.TimeUnit;

/**
 * JSON bytes of a {@code BackendList} to objects. Every method reads the same byte array (see
 * {@link Workloads}) with {@code readValue(byte[], Class)} of its mapper.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {

    @Param({"1", "100", "10000"})
    public int size;

    private static final ObjectReader STRIP = DecodeOptions.stripManagedFields().applyTo(Codecs.SDK.readerFor(SdkBackendList.class));

    private byte[] json;

    @Setup
    public void setup() {
        json = Workloads.backendList(size);
        // that all sides read and write the same documents is checked once by SelfCheck, before JMH runs
    }

    /** The SDK: model Backends through {@code BackendJson.jsonMapper()}. */
    @Benchmark
    public SdkBackendList sdk(CpuTime cpu) {
        cpu.calls++;
        return Codecs.SDK.readValue(json, SdkBackendList.class);
    }

    /**
     * The SDK with {@code DecodeOptions.stripManagedFields()} (what a read-only cache uses): the same
     * bytes, {@code metadata.managedFields} and the last-applied annotation skipped while reading.
     */
    @Benchmark
    public SdkBackendList sdkStripManagedFields(CpuTime cpu) {
        cpu.calls++;
        return STRIP.readValue(json);
    }

    /** fabric8: {@code GenericKubernetesResourceList} through {@code new KubernetesSerialization()}'s mapper. */
    @Benchmark
    public GenericKubernetesResourceList fabric8(CpuTime cpu) {
        cpu.calls++;
        return Codecs.FABRIC8.readValue(json, GenericKubernetesResourceList.class);
    }

    /** Stock jsonschema2pojo POJOs through a default Jackson 3 {@code JsonMapper}. */
    @Benchmark
    public PojoBackendList pojo(CpuTime cpu) {
        cpu.calls++;
        return Codecs.PLAIN.readValue(json, PojoBackendList.class);
    }

    /** The floor: a streaming parser reading every token and materializing every value. */
    @Benchmark
    public int tokenScan(Blackhole bh, CpuTime cpu) {
        cpu.calls++;
        return TokenFloor.scan(json, bh);
    }
}

package dev.kgateway.sdk.benchmarks;

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

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Objects to JSON bytes. Each side writes the objects it decoded from the same {@link Workloads}
 * document with {@code writeValueAsBytes}; the floor replays that document's recorded tokens into a
 * generator writing to a reused byte array stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class EncodeBenchmark {

    @Param({"1", "100", "10000"})
    public int size;

    private SdkBackendList sdkList;
    private GenericKubernetesResourceList fabric8List;
    private PojoBackendList pojoList;
    private TokenFloor.Recording tokens;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

    @Setup
    public void setup() {
        byte[] json = Workloads.backendList(size);
        sdkList = Codecs.SDK.readValue(json, SdkBackendList.class);
        fabric8List = Codecs.FABRIC8.readValue(json, GenericKubernetesResourceList.class);
        pojoList = Codecs.PLAIN.readValue(json, PojoBackendList.class);
        tokens = TokenFloor.Recording.of(json);
        // that every side writes the whole document back is checked once by SelfCheck, before JMH runs
    }

    @Benchmark
    public byte[] sdk(CpuTime cpu) {
        cpu.calls++;
        return Codecs.SDK.writeValueAsBytes(sdkList);
    }

    /**
     * The SDK writing into the same reused stream as {@link #tokenReplay}, rather than into a new
     * {@code byte[]} as {@link #sdk} does: the difference between the two is what producing the result
     * array costs (Jackson's {@code writeValueAsBytes} grows a segmented buffer and copies it into
     * one exact-size array), not the model's encoder. Information only; the targets use {@link #sdk}.
     */
    @Benchmark
    public int sdkIntoStream(CpuTime cpu) {
        cpu.calls++;
        out.reset();
        Codecs.SDK.writeValue(out, sdkList);
        return out.size();
    }

    @Benchmark
    public byte[] fabric8(CpuTime cpu) {
        cpu.calls++;
        return Codecs.FABRIC8.writeValueAsBytes(fabric8List);
    }

    @Benchmark
    public byte[] pojo(CpuTime cpu) {
        cpu.calls++;
        return Codecs.PLAIN.writeValueAsBytes(pojoList);
    }

    @Benchmark
    public int tokenReplay(CpuTime cpu) {
        cpu.calls++;
        return tokens.replay(out);
    }
}

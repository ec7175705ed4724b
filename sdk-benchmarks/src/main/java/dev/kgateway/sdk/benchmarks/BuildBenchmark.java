package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.benchmarks.pojo.Annotations;
import dev.kgateway.sdk.benchmarks.pojo.Host;
import dev.kgateway.sdk.benchmarks.pojo.Labels;
import dev.kgateway.sdk.benchmarks.pojo.Metadata;
import dev.kgateway.sdk.benchmarks.pojo.Spec;
import dev.kgateway.sdk.benchmarks.pojo.Static;
import dev.kgateway.sdk.benchmarks.pojo.Tls;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Building one typical Backend in code (a Static backend with two hosts, one with TLS, three
 * labels and an annotation): the SDK's builders against the stock POJOs' setters. Both produce the
 * same JSON (checked by {@link SelfCheck}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class BuildBenchmark {

    public String name = "static-payments-7";
    public String namespace = "payments-prod";
    public int port = 443;

    @Benchmark
    public Backend sdk(CpuTime cpu) {
        cpu.calls++;
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace)
                        .putLabels("app.kubernetes.io/name", name)
                        .putLabels("team", "payments")
                        .putLabels("env", "prod")
                        .putAnnotations("kgateway.dev/owner", "payments@example.com"))
                .spec(s -> s.type(BackendType.STATIC)
                        .staticBackend(st -> st
                                .addHosts(h -> h.host("api.payments.svc.cluster.local").port(port)
                                        .tls(t -> t.sni("api.payments.example.com")))
                                .addHosts(h -> h.host("10.0.4.17").port(8080))))
                .build();
    }

    @Benchmark
    public dev.kgateway.sdk.benchmarks.pojo.Backend pojo(CpuTime cpu) {
        cpu.calls++;
        var backend = new dev.kgateway.sdk.benchmarks.pojo.Backend();
        backend.setApiVersion(Backend.API_VERSION);
        backend.setKind(Backend.KIND);
        Metadata meta = new Metadata();
        meta.setName(name);
        meta.setNamespace(namespace);
        Labels labels = new Labels();
        labels.setAdditionalProperty("app.kubernetes.io/name", name);
        labels.setAdditionalProperty("team", "payments");
        labels.setAdditionalProperty("env", "prod");
        meta.setLabels(labels);
        Annotations annotations = new Annotations();
        annotations.setAdditionalProperty("kgateway.dev/owner", "payments@example.com");
        meta.setAnnotations(annotations);
        backend.setMetadata(meta);
        Spec spec = new Spec();
        spec.setType(Spec.Type.STATIC);
        Static staticBackend = new Static();
        Host first = new Host();
        first.setHost("api.payments.svc.cluster.local");
        first.setPort(port);
        Tls tls = new Tls();
        tls.setSni("api.payments.example.com");
        first.setTls(tls);
        staticBackend.getHosts().add(first);
        Host second = new Host();
        second.setHost("10.0.4.17");
        second.setPort(8080);
        staticBackend.getHosts().add(second);
        spec.setStatic(staticBackend);
        backend.setSpec(spec);
        return backend;
    }
}

package dev.kgateway.sdk.benchmarks;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;

import java.io.ByteArrayOutputStream;

/**
 * Checks, once before the benchmarks run, that the sides compare like with like: every decoder reads
 * every item, every encoder writes the whole document back (same members; member order and the stock
 * POJOs' empty arrays aside, see {@link Documents}), the token replay reproduces the document, fabric8's
 * public {@code unmarshal} agrees with its mapper, and the two builds produce the same Backend.
 */
public final class SelfCheck {

    private SelfCheck() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 1000);
        System.out.println("self-check passed");
    }

    /** @throws IllegalStateException naming the first side that does not agree */
    public static void run(int size) {
        byte[] json = Workloads.backendList(size);
        SdkBackendList sdk = Codecs.SDK.readValue(json, SdkBackendList.class);
        GenericKubernetesResourceList fabric8 = Codecs.FABRIC8.readValue(json, GenericKubernetesResourceList.class);
        PojoBackendList pojo = Codecs.PLAIN.readValue(json, PojoBackendList.class);
        GenericKubernetesResourceList unmarshalled = Codecs.fabric8Unmarshal(json);
        require(sdk.items.size() == size, "SDK decoded " + sdk.items.size() + " of " + size);
        require(fabric8.getItems().size() == size, "fabric8 decoded " + fabric8.getItems().size() + " of " + size);
        require(pojo.items.size() == size, "POJOs decoded " + pojo.items.size() + " of " + size);
        require(Documents.same(Codecs.FABRIC8.writeValueAsBytes(unmarshalled), Codecs.FABRIC8.writeValueAsBytes(fabric8)),
                "fabric8 unmarshal(InputStream) and its mapper disagree");

        require(Documents.same(Codecs.SDK.writeValueAsBytes(sdk), json), "the SDK does not write the document back");
        require(Documents.same(Codecs.FABRIC8.writeValueAsBytes(fabric8), json), "fabric8 does not write the document back");
        require(Documents.same(Codecs.PLAIN.writeValueAsBytes(pojo), json), "the POJOs do not write the document back");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TokenFloor.Recording.of(json).replay(out);
        require(Documents.same(out.toByteArray(), json), "the token replay does not reproduce the document");

        BuildBenchmark build = new BuildBenchmark();
        require(Documents.same(Codecs.SDK.writeValueAsBytes(build.sdk(new CpuTime())), Codecs.PLAIN.writeValueAsBytes(build.pojo(new CpuTime()))),
                "the SDK build and the POJO build differ");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("self-check: " + message);
        }
    }
}

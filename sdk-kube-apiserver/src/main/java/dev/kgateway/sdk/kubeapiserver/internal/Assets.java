package dev.kgateway.sdk.kubeapiserver.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the {@code etcd} and {@code kube-apiserver} programs are looked for, in order. */
public final class Assets {

    /** System property naming the directory that holds {@code etcd} and {@code kube-apiserver}. */
    public static final String PROPERTY = "kgateway.sdk.kubeApiServer.assets";
    /** envtest's variable (controller-runtime, kube-api-test): the same directory layout. */
    public static final String ENVTEST_VARIABLE = "KUBEBUILDER_ASSETS";
    /** The Kubernetes release the repository's build script builds. */
    public static final String BUILT_VERSION = "v1.37.2";

    private Assets() {
    }

    /** @return the directories tried, in order, each with where it came from */
    public static List<String> candidates() {
        List<String> out = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            out.add(property + " (system property " + PROPERTY + ")");
        }
        String envtest = System.getenv(ENVTEST_VARIABLE);
        if (envtest != null && !envtest.isBlank()) {
            out.add(envtest + " (" + ENVTEST_VARIABLE + ")");
        }
        out.add(buildCache() + " (tools/kube-apiserver/build.sh)");
        return out;
    }

    /** @return the first candidate directory that holds both programs */
    public static Optional<Path> find() {
        for (String candidate : candidates()) {
            Path dir = Paths.get(candidate.substring(0, candidate.lastIndexOf(" (")));
            if (holdsBoth(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** @return whether {@code dir} holds executable {@code etcd} and {@code kube-apiserver} */
    public static boolean holdsBoth(Path dir) {
        return Files.isExecutable(dir.resolve("etcd")) && Files.isExecutable(dir.resolve("kube-apiserver"));
    }

    /** @return the directory the build script writes to: {@code $KGATEWAY_SDK_CACHE} or {@code ~/.cache/kgateway-sdk} */
    public static Path buildCache() {
        String cache = System.getenv("KGATEWAY_SDK_CACHE");
        Path root = cache == null || cache.isBlank() ? Paths.get(System.getProperty("user.home"), ".cache", "kgateway-sdk") : Paths.get(cache);
        return root.resolve("kube-apiserver-" + BUILT_VERSION);
    }

    /** @return why no server can start, with what to do */
    public static String missing() {
        return "no etcd and kube-apiserver programs found; looked in " + String.join(", ", candidates())
                + ". Build them from Go modules with tools/kube-apiserver/build.sh (Go 1.26, several minutes once, then cached),"
                + " or point " + ENVTEST_VARIABLE + " or -D" + PROPERTY + " at a directory that holds both";
    }
}

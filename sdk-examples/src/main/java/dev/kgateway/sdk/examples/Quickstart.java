package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.ConditionStatus;
import dev.kgateway.sdk.test.KgatewayTestServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The five-minute tour of the SDK: builds kgateway Backends in the shapes the releases serve (Lambda with
 * auth, EC2, GCP, dynamic forward proxy, priority groups, v2.0/v2.1 AI), creates, lists, watches,
 * edits in place, patches, validates, loads YAML, applies and deletes them, printing as it goes.
 * Runs against an embedded API server by default, or against a real cluster in a namespace it
 * creates and removes.
 *
 * <pre>
 * java dev.kgateway.sdk.examples.Quickstart                      # embedded API server
 * java dev.kgateway.sdk.examples.Quickstart --kubeconfig ~/.kube/config
 * KUBECONFIG=... java dev.kgateway.sdk.examples.Quickstart --cluster
 * </pre>
 */
public final class Quickstart {

    static final String USAGE = """
            Usage: Quickstart [--embedded | --kubeconfig PATH | --cluster] [--help]

            A tour of the kgateway Java SDK: build, create, list, get, watch, inform, edit, patch,
            set status, validate, load YAML, apply and delete Backends.

              --embedded         run against an embedded Kubernetes API server started in-process
                                 (the default)
              --kubeconfig PATH  run against the cluster of that kubeconfig's current context
              --cluster          run against the cluster that KUBECONFIG (or ~/.kube/config) names
              --help             print this help

            Against a cluster the tour works in a namespace it creates (kgateway-sdk-quickstart-*)
            and deletes at the end; it installs the Backend CRD only when the cluster has none.
            """;

    private Quickstart() {
    }

    /**
     * Runs the tour and exits with its code. With {@code -Dquickstart.exitFile=PATH} (the Maven
     * profile's way) it writes the code to that file and exits 0 instead, so that the build reports a
     * failure with one line of its own rather than the exec plugin's stack trace.
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        String exitFile = System.getProperty("quickstart.exitFile");
        if (exitFile != null) {
            writeExitCode(Path.of(exitFile), code);
            code = 0;
        }
        System.exit(code);
    }

    /** Writes {@code code} to {@code file} (its directories created), for the build to check. */
    static void writeExitCode(Path file, int code) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Integer.toString(code));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the exit code to " + file, e);
        }
    }

    /** @return the process exit code */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path kubeconfig = null;
        boolean cluster = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--cluster" -> cluster = true;
                case "--embedded" -> cluster = false;
                case "--kubeconfig" -> {
                    if (i + 1 >= args.length) {
                        err.println("--kubeconfig needs a PATH\n" + USAGE);
                        return 2;
                    }
                    kubeconfig = Path.of(args[++i]);
                    cluster = true;
                }
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        try {
            if (!cluster) {
                out.println("Starting an embedded Kubernetes API server with the Backend CRD installed...");
                try (KgatewayTestServer server = KgatewayTestServer.start()) {
                    tour(server.kgatewayClient(), server.createNamespace("quickstart"), out);
                }
            } else {
                onCluster(kubeconfig, out);
            }
            out.println("\nDone.");
            return 0;
        } catch (RuntimeException e) {
            err.println("Quickstart failed: " + e);
            return 1;
        }
    }

    private static void onCluster(Path kubeconfig, PrintStream out) {
        KgatewayClient.Builder builder = KgatewayClient.builder();
        if (kubeconfig != null) {
            try {
                builder.config(Config.fromKubeconfig(Files.readString(kubeconfig)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig, e);
            }
        }
        try (KgatewayClient kgw = builder.build()) {
            out.println("Connected to " + kgw);
            out.println(kgw.installCrd(false) ? "Installed the Backend CRD." : "The cluster has a Backend CRD already; keeping it.");
            KubernetesClient k8s = kgw.kubernetesClient();
            String namespace = "kgateway-sdk-quickstart-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
            k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            out.println("Created namespace " + namespace);
            try {
                tour(kgw, namespace, out);
            } finally {
                k8s.namespaces().withName(namespace).delete();
                out.println("Deleted namespace " + namespace);
            }
        }
    }

    /** The tour itself, in one namespace of whatever server {@code kgw} talks to. */
    static void tour(KgatewayClient kgw, String namespace, PrintStream out) {
        NamespacedBackendClient backends = kgw.backends().inNamespace(namespace);

        step(out, 1, "Build kgateway Backends with the builders, each in a shape a release serves");
        List<Backend> built = new ArrayList<>(SampleBackends.all(namespace));
        built.forEach(b -> out.println("  " + b.getMetadata().getName() + ": " + RealKgatewayExample.describe(b)));
        for (RealKgatewayExample.Shape shape : RealKgatewayExample.all(namespace)) {
            built.add(shape.backend());
            out.println("  " + shape.backend().getMetadata().getName() + " (kgateway " + shape.acceptedBy() + "): "
                    + RealKgatewayExample.describe(shape.backend()));
        }
        Map<BackendType.Known, Integer> byKind = new EnumMap<>(BackendType.Known.class);
        built.forEach(b -> byKind.merge(RealKgatewayExample.kind(b), 1, Integer::sum));
        out.println("  by kind: " + byKind + "; all valid: " + built.stream().allMatch(b -> b.validate().isEmpty()));

        step(out, 2, "Create them, list by label, get one");
        built.forEach(b -> out.println("  created " + backends.create(b).getMetadata().getName()));
        List<Backend> search = backends.list(ListOptions.withLabel("team", "search"));
        out.println("  team=search -> " + search.stream().map(b -> b.getMetadata().getName()).toList());
        out.println("  get payments -> " + backends.require("payments").getSpec().getAws());
        out.println("  get ec2-payments -> " + RealKgatewayExample.describe(backends.require("ec2-payments")));

        step(out, 3, "Watch and inform; edit, patch, set a status condition");
        List<BackendEvent> events = new CopyOnWriteArrayList<>();
        BackendWatchListener listener = events::add;
        try (BackendWatch watch = backends.watch(listener);
             BackendInformer cache = kgw.backends().inAnyNamespace().inform(new BackendEventHandler() { })) {
            cache.waitUntilSynced(Duration.ofSeconds(30));
            out.println("  informer synced with " + cache.list().size() + " Backends cached");
            Backend edited = backends.edit("web", b -> b.editMetadata(m -> m.putLabels("tier", "gold")));
            out.println("  edit: web labels " + edited.getMetadata().getLabels());
            Backend moved = backends.edit("lambda-thumbnails", b -> b.editSpec(s -> s.editAws(a -> a.region("us-east-1"))));
            out.println("  edit in place: lambda-thumbnails is now " + RealKgatewayExample.describe(moved));
            Backend patched = backends.patch("gemini", "{\"metadata\":{\"annotations\":{\"owner\":\"labs@example.com\"}}}");
            out.println("  patch: gemini annotations " + patched.getMetadata().getAnnotations());
            Backend accepted = backends.updateStatus(patched.withStatus(BackendStatus.builder()
                    .addConditions(c -> c.type("Accepted").status(ConditionStatus.TRUE).reason("Accepted")
                            .message("Backend accepted").observedGeneration(patched.getMetadata().getGeneration())
                            .lastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
                    .build()));
            out.println("  status: gemini " + accepted.getStatus().getConditions().get(0));

            step(out, 4, "What the watch saw; a broken Backend's violations");
            await(() -> events.size() >= 3, Duration.ofSeconds(30));
            events.forEach(e -> out.println("  " + e.type() + " " + e.backend().getMetadata().getName()
                    + " (resourceVersion " + e.backend().getMetadata().getResourceVersion() + ")"));
            ValidationErrorsExample.run(kgw, namespace, out);
            out.println("  a Backend kgateway v2.3's CRD would prune (checked against that release's CRD):");
            CrdValidationExample.run(kgw, namespace, out);
            out.println("  informer cache holds " + cache.list(namespace).size() + " Backends of " + namespace);
        }

        step(out, 5, "Load Backends from multi-document YAML and apply them");
        YamlExample.run(kgw, namespace, out);

        step(out, 6, "Delete everything");
        for (Backend b : backends.list()) {
            out.println("  deleted " + b.getMetadata().getName() + ": " + backends.delete(b.getMetadata().getName()));
        }
        out.println("  Backends left in " + namespace + ": " + backends.list().size());
    }

    private static void step(PrintStream out, int number, String title) {
        out.println("\n" + number + ". " + title);
    }

    /** Polls {@code condition} until it holds; fails after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

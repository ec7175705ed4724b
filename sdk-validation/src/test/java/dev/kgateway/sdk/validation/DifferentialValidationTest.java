package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import dev.kgateway.sdk.model.Violation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Differential validation: every bundled Backend CRD installed in a real kube-apiserver, one at a
 * time; every real fixture and {@code valdiff.cases} jqwik variants (seed {@code valdiff.seed}) sent
 * as dry-run creates; the server's answer and {@link CrdValidator}'s compared (see {@link Agreement}).
 * The table goes to {@code target/valdiff/agreement.md} and the console.
 */
@KubeApiServerTest
class DifferentialValidationTest {

    static final int CASES = Integer.getInteger("valdiff.cases", 150);
    static final long SEED = Long.getLong("valdiff.seed", 20260L);
    static final int THREADS = 4;
    static final Map<KgatewayRelease, Agreement.Tally> TALLIES = new ConcurrentSkipListMap<>();

    KubeApiServer server;

    @BeforeAll
    static void namespace(KubeApiServer server) {
        new DryRunServer(server).createNamespace();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KgatewayRelease.class)
    void theValidatorAcceptsRefusesAndExplainsAsTheServerDoes(KgatewayRelease release) throws Exception {
        DryRunServer dryRun = new DryRunServer(server);
        dryRun.install(release.crd());
        List<Variants.Case> cases = cases(release);
        CrdValidator validator = release.validator();
        List<Agreement.Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Agreement.Outcome>> futures = new ArrayList<>();
            for (Variants.Case c : cases) {
                futures.add(pool.submit(() -> {
                    DryRunServer.Answer answer = dryRun.dryRunCreate(c.document(), DryRunServer.FieldValidation.Warn);
                    List<Violation> violations = validator.validate(c.document());
                    return Agreement.compare(c.id(), answer, violations);
                }));
            }
            for (Future<Agreement.Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Agreement.Tally tally = new Agreement.Tally(release.name(), (int) cases.stream().filter(c -> !c.id().startsWith("#")).count(), outcomes);
        TALLIES.put(release, tally);

        List<String> disagreements = outcomes.stream().filter(o -> !o.agrees()).map(Agreement.Outcome::explain).toList();
        assertThat(disagreements).as("cases where %s's validator and kube-apiserver disagree (seed %d)", release, SEED).isEmpty();
    }

    @AfterAll
    static void writeTable() throws IOException {
        if (TALLIES.isEmpty()) {
            return;
        }
        String table = Agreement.table(new ArrayList<>(TALLIES.values()),
                "mvn -B -pl sdk-validation -am verify -Dtest='DifferentialValidation*' -Dsurefire.failIfNoSpecifiedTests=false -Dvaldiff.cases="
                        + CASES + " -Dvaldiff.seed=" + SEED);
        Path out = Path.of("target", "valdiff", "agreement.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println("\nDifferential validation against kube-apiserver (" + CASES + " variants per CRD, seed " + SEED + "):\n" + table);
    }

    /**
     * Every fixture of every line, the catalog's Backends of this release (invalid and valid twin), then the variants of
     * the fixtures this release accepts; all in the suite's namespace.
     */
    static List<Variants.Case> cases(KgatewayRelease release) {
        List<Fixtures.Doc> fixtures = Fixtures.all();
        List<Variants.Case> out = new ArrayList<>();
        List<Fixtures.Doc> bases = new ArrayList<>();
        for (Fixtures.Doc f : fixtures) {
            ObjectNode doc = inNamespace(f.tree());
            out.add(new Variants.Case("fixture " + f, doc));
            if (release.validator().validate(doc).isEmpty()) {
                bases.add(new Fixtures.Doc(f.name(), f.release(), doc));
            }
        }
        for (JsonNode entry : ValidationCatalogTest.catalog()) {
            if (ValidationCatalogTest.releases(entry).contains(release.name())) {
                for (String twin : List.of("invalid", "valid")) {
                    out.add(new Variants.Case("catalog " + twin + " " + entry.get("name").asString(),
                            inNamespace(ValidationCatalogTest.backend(entry.get(twin)))));
                }
            }
        }
        JsonNode schema = schemaOf(release);
        for (Variants.Case v : Variants.generate(bases, schema, CASES, SEED + release.ordinal())) {
            out.add(v);
        }
        return out;
    }

    static ObjectNode inNamespace(JsonNode doc) {
        ObjectNode copy = (ObjectNode) doc.deepCopy();
        copy.withObject("metadata").put("namespace", DryRunServer.NAMESPACE);
        return copy;
    }

    static JsonNode schemaOf(KgatewayRelease release) {
        for (JsonNode v : release.crd().path("spec").path("versions")) {
            if (KgatewayRelease.VERSION.equals(v.path("name").asString(""))) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException(release + " has no " + KgatewayRelease.VERSION);
    }

}

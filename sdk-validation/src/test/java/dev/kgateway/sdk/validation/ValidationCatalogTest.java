package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.model.BackendJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code validation-catalog.yaml}: per release, an invalid Backend per structural keyword in use and
 * per CEL rule, each giving exactly the expected violations, and its valid twin giving none; and the
 * catalog covers every CEL rule and every structural keyword of every vendored CRD.
 */
class ValidationCatalogTest {

    /** The keywords kube-apiserver checks that a catalog entry must exercise where a CRD uses them (outside status). */
    private static final Set<String> KEYWORDS = Set.of("enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
            "minItems", "maxItems", "minProperties", "maxProperties", "required", "x-kubernetes-list-type");
    private static final List<KgatewayRelease> VENDORED = List.of(KgatewayRelease.V2_0, KgatewayRelease.V2_1,
            KgatewayRelease.V2_2, KgatewayRelease.V2_3, KgatewayRelease.V2_4, KgatewayRelease.MAIN);

    static JsonNode catalog() {
        try (InputStream in = ValidationCatalogTest.class.getResourceAsStream("/validation-catalog.yaml")) {
            return BackendJson.yamlMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode entry : catalog()) {
            for (JsonNode r : entry.get("releases")) {
                KgatewayRelease release = KgatewayRelease.valueOf(r.asString());
                out.add(Arguments.of(release, entry.get("name").asString(), entry));
            }
        }
        return out.stream();
    }

    static JsonNode backend(JsonNode spec) {
        ObjectNode doc = BackendJson.jsonMapper().createObjectNode();
        doc.put("apiVersion", "gateway.kgateway.dev/v1alpha1");
        doc.put("kind", "Backend");
        doc.putObject("metadata").put("name", "b").put("namespace", "ns");
        doc.set("spec", spec);
        return doc;
    }

    static List<String> expected(JsonNode entry, KgatewayRelease release) {
        JsonNode expect = entry.get("expect");
        JsonNode list = expect.isObject() ? expect.get(release.name()) : expect;
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asString()));
        return out;
    }

    static List<String> violations(KgatewayRelease release, JsonNode spec) {
        return release.validator().validate(backend(spec)).stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void theInvalidBackendGivesExactlyTheExpectedViolations(KgatewayRelease release, String name, JsonNode entry) {
        List<String> expected = expected(entry, release);
        assertThat(expected).as("an invalid Backend must give at least one violation").isNotEmpty();
        assertThat(violations(release, entry.get("invalid"))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void itsValidTwinGivesNone(KgatewayRelease release, String name, JsonNode entry) {
        assertThat(violations(release, entry.get("valid"))).isEmpty();
    }

    @Test
    void everyCelRuleOfEveryVendoredCrdFailsInSomeEntryUnlessTheServerCannotReachIt() {
        List<String> missing = new ArrayList<>();
        JsonNode catalog = catalog();
        for (KgatewayRelease release : VENDORED) {
            List<String> reported = new ArrayList<>();
            for (JsonNode entry : catalog) {
                if (releases(entry).contains(release.name())) {
                    expected(entry, release).forEach(line -> reported.add(line.replaceAll("\\[\\d+]", "[]")));
                }
            }
            for (String[] rule : rules(release)) {
                String path = rule[0];
                String message = rule[1];
                boolean covered = reported.stream().anyMatch(line -> line.startsWith(path + ": ") && line.endsWith(": " + message));
                if (!covered) {
                    missing.add(release + " " + path + ": " + message);
                }
            }
        }
        assertThat(missing).as("CEL rules no catalog entry breaks").containsExactlyInAnyOrderElementsOf(UNREACHABLE);
    }

    /**
     * Rules kube-apiserver never reports: where the auth {@code type} enum is only {@code Secret}, "type is not Secret"
     * is an unsupported value, a blocking error after which the server runs no CEL rule (DifferentialCasesTest).
     */
    private static final List<String> UNREACHABLE = List.of(
            "V2_0 spec.aws.auth: secretRef must be nil if the type is not 'Secret'",
            "V2_1 spec.ai.llm.bedrock.auth: secretRef must be nil if the type is not 'Secret'",
            "V2_1 spec.ai.priorityGroups[].providers[].bedrock.auth: secretRef must be nil if the type is not 'Secret'",
            "V2_1 spec.aws.auth: secretRef must be nil if the type is not 'Secret'",
            "V2_2 spec.aws.auth: secretRef must be nil if the type is not 'Secret'",
            "V2_3 spec.aws.auth: secretRef must be nil if the type is not 'Secret'");

    @Test
    void everyStructuralKeywordInUseHasAnEntryPerRelease() {
        List<String> missing = new ArrayList<>();
        JsonNode catalog = catalog();
        for (KgatewayRelease release : VENDORED) {
            Set<String> covered = new TreeSet<>();
            for (JsonNode entry : catalog) {
                if (releases(entry).contains(release.name())) {
                    covered.add(entry.get("keyword").asString());
                }
            }
            Set<String> used = new TreeSet<>();
            keywords(schema(release).path("properties").path("spec"), used);
            used.retainAll(KEYWORDS);
            used.removeAll(covered);
            used.forEach(k -> missing.add(release + " " + k));
        }
        assertThat(missing).as("keywords in use without a catalog entry").isEmpty();
    }

    static Set<String> releases(JsonNode entry) {
        Set<String> out = new TreeSet<>();
        entry.get("releases").forEach(r -> out.add(r.asString()));
        return out;
    }

    private static JsonNode schema(KgatewayRelease release) {
        return release.crd().path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    /** Every rule of the CRD as {schema path with [] for items, the message kube-apiserver reports}. */
    private static List<String[]> rules(KgatewayRelease release) {
        List<String[]> out = new ArrayList<>();
        rules(schema(release), "", out);
        return out;
    }

    private static void rules(JsonNode s, String path, List<String[]> out) {
        for (JsonNode r : s.path("x-kubernetes-validations")) {
            String message = r.has("message") ? r.get("message").asString().strip() : "failed rule: " + r.get("rule").asString().strip();
            out.add(new String[] {path, message});
        }
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            if (!(path.isEmpty() && p.getKey().equals("status"))) {
                rules(p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), out);
            }
        }
        if (s.has("items")) {
            rules(s.get("items"), path + "[]", out);
        }
    }

    private static void keywords(JsonNode s, Set<String> out) {
        s.propertyNames().forEach(out::add);
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            keywords(p.getValue(), out);
        }
        if (s.has("items")) {
            keywords(s.get("items"), out);
        }
        if (s.path("additionalProperties").isObject()) {
            keywords(s.get("additionalProperties"), out);
        }
    }
}

package dev.kgateway.sdk.model;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Backends of every kgateway release line, collected from kgateway's own examples, docs and
 * test data ({@code src/test/resources/upstream/<line>/}, each file naming its repository, path and
 * commit): each one reads with no unknown member left under {@code spec}, validates clean, and
 * writes back to an equal JSON tree.
 */
class RealBackendsPerReleaseTest {

    static final List<String> RELEASE_LINES = List.of("v2.0", "v2.1", "v2.2", "v2.3", "v2.4", "main");

    static Path lineDir(String line) {
        return UpstreamFixturesRoundTripTest.fixturesDir().resolve(line);
    }

    static List<UpstreamFixturesRoundTripTest.Document> documents(String line) throws IOException {
        List<UpstreamFixturesRoundTripTest.Document> out = new ArrayList<>();
        for (Path file : UpstreamFixturesRoundTripTest.yamlFiles(lineDir(line))) {
            out.addAll(UpstreamFixturesRoundTripTest.documents(file));
        }
        return out;
    }

    @TestFactory
    List<DynamicNode> everyRealBackendOfEveryReleaseLine() throws IOException {
        List<DynamicNode> lines = new ArrayList<>();
        for (String line : RELEASE_LINES) {
            List<DynamicNode> perDocument = new ArrayList<>();
            for (UpstreamFixturesRoundTripTest.Document d : documents(line)) {
                perDocument.add(DynamicContainer.dynamicContainer(d.toString(), List.of(
                        DynamicTest.dynamicTest("reads with no unknown member under spec", () -> noUnknownMemberUnderSpec(d)),
                        DynamicTest.dynamicTest("validates clean", () -> validatesClean(d)),
                        DynamicTest.dynamicTest("writes back an equal tree", () -> writesBackAnEqualTree(d)))));
            }
            lines.add(DynamicContainer.dynamicContainer("kgateway " + line, perDocument));
        }
        return lines;
    }

    @Test
    void everyReleaseLineHasRealBackendsWithTheirSource() throws IOException {
        int total = 0;
        for (String line : RELEASE_LINES) {
            assertThat(lineDir(line)).as("fixtures of %s", line).isDirectory();
            List<Path> files = UpstreamFixturesRoundTripTest.yamlFiles(lineDir(line));
            assertThat(files).as("fixture files of %s", line).hasSizeGreaterThanOrEqualTo(5);
            for (Path file : files) {
                assertThat(Files.readString(file)).as("header of %s/%s", line, file.getFileName())
                        .startsWith("# Source: github.com/kgateway-dev/kgateway (release line " + line + ";")
                        .containsPattern("# Path: \\S+ \\(ref \\S+, commit [0-9a-f]{40}\\)");
            }
            List<UpstreamFixturesRoundTripTest.Document> docs = documents(line);
            assertThat(docs).as("documents of %s", line).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.tree().path("kind").asString()).isEqualTo("Backend"));
            total += files.size();
        }
        assertThat(total).isGreaterThanOrEqualTo(30);
    }

    static void noUnknownMemberUnderSpec(UpstreamFixturesRoundTripTest.Document d) {
        Backend backend = BackendJson.fromTree(d.tree());

        assertThat(backend.getSpec()).isNotNull();
        assertThat(unknownMembers(backend.getSpec(), "spec")).isEmpty();
    }

    static void validatesClean(UpstreamFixturesRoundTripTest.Document d) {
        assertThat(BackendJson.fromTree(d.tree()).validate()).isEmpty();
    }

    static void writesBackAnEqualTree(UpstreamFixturesRoundTripTest.Document d) {
        JsonNode written = BackendJson.toTree(BackendJson.fromTree(d.tree()));

        assertThat(written).isEqualTo(d.tree());
    }

    /** Paths of every unknown member at or below {@code value}, walking the generated accessors. */
    static List<String> unknownMembers(Object value, String path) {
        List<String> out = new ArrayList<>();
        collect(value, path, out);
        return out;
    }

    private static void collect(Object value, String path, List<String> out) {
        if (value == null || value instanceof OpenEnum || !value.getClass().getName().startsWith("dev.kgateway.sdk.model.")) {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    collect(list.get(i), path + "[" + i + "]", out);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> collect(v, path + "['" + k + "']", out));
            }
            return;
        }
        Method[] methods = value.getClass().getMethods();
        java.util.Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (!m.getName().startsWith("get") || m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class || m.getName().equals("getClass")) {
                continue;
            }
            Object member = invoke(m, value);
            if (m.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) member).keySet().forEach(k -> out.add(path + "." + k));
            } else {
                collect(member, path + "." + m.getName().substring(3), out);
            }
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            m.setAccessible(true);
            return m.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(m + " failed", e);
        }
    }

    @Test
    void unknownMemberWalkFindsADeepUnknownMember() {
        Backend backend = BackendJson.fromJson("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"x\"},\"spec\":{\"aws\":{\"lambda\":{\"functionName\":\"f\",\"future\":1}},"
                + "\"static\":{\"hosts\":[{\"host\":\"h\",\"port\":1,\"weight\":2}]}}}");

        assertThat(unknownMembers(backend.getSpec(), "spec"))
                .containsExactlyInAnyOrder("spec.Aws.Lambda.future", "spec.StaticBackend.Hosts[0].weight");
    }

    @Test
    void aTranslatorInputThatItsOwnReleasesCrdRefusesIsRefusedToo() throws IOException {
        // kgateway v2.1 test data for the translator (never applied to an API server): its Vertex AI
        // provider lacks what the v2.1 CRD requires of vertexai (apiVersion, location, projectId, publisher).
        Path file = UpstreamFixturesRoundTripTest.fixturesDir().resolve("crd-rejects").resolve("backend-multipool-priority-levels.yaml");
        Backend backend = BackendJson.fromTree(UpstreamFixturesRoundTripTest.documents(file).get(0).tree());

        assertThat(backend.validate()).extracting(Violation::path, Violation::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.ai.priorityGroups[1].providers[1].vertexai.apiVersion", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.ai.priorityGroups[1].providers[1].vertexai.location", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.ai.priorityGroups[1].providers[1].vertexai.projectId", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.ai.priorityGroups[1].providers[1].vertexai.publisher", "required"));
        assertThat(unknownMembers(backend.getSpec(), "spec")).isEmpty();
        assertThat(BackendJson.toTree(backend)).isEqualTo(UpstreamFixturesRoundTripTest.documents(file).get(0).tree());
    }
}

package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real kgateway Backend manifests (copied verbatim into {@code src/test/resources/upstream}) are
 * read into the model and written back with an equal JSON tree, although their shape is richer than
 * the schema's.
 */
class UpstreamFixturesRoundTripTest {

    record Document(String file, int number, JsonNode tree) {
        @Override
        public String toString() {
            return file + " document " + number + " (" + tree.path("metadata").path("name").asString("?") + ")";
        }
    }

    static Path fixturesDir() {
        try {
            return Path.of(UpstreamFixturesRoundTripTest.class.getResource("/upstream").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Every non-empty YAML document of a file, numbered from 1 as {@code ---} separates them. */
    static List<Document> documents(Path file) throws IOException {
        List<Document> out = new ArrayList<>();
        int number = 0;
        try (MappingIterator<JsonNode> it = BackendJson.yamlMapper().readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (it.hasNextValue()) {
                JsonNode tree = it.nextValue();
                number++;
                if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
                    out.add(new Document(file.getFileName().toString(), number, tree));
                }
            }
        }
        return out;
    }

    static List<Document> allDocuments() throws IOException {
        List<Document> out = new ArrayList<>();
        for (Path file : yamlFiles(fixturesDir())) {
            out.addAll(documents(file));
        }
        return out;
    }

    static Stream<Arguments> everyDocument() throws IOException {
        return allDocuments().stream().map(Arguments::of);
    }

    static Document document(String file, String name) throws IOException {
        return documents(fixturesDir().resolve(file)).stream()
                .filter(d -> d.tree().path("metadata").path("name").asString("").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no document " + name + " in " + file));
    }

    @Test
    void fixturesAreThereAndAllAreBackends() throws IOException {
        List<Document> all = allDocuments();

        assertThat(yamlFiles(fixturesDir())).hasSize(4);
        assertThat(all).hasSize(11);
        assertThat(all).allSatisfy(d -> assertThat(d.tree().path("kind").asString()).isEqualTo("Backend"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDocument")
    void readThenWriteGivesAnEqualTree(Document document) {
        Backend backend = BackendJson.fromTree(document.tree());

        assertThat(BackendJson.toTree(backend)).isEqualTo(document.tree());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDocument")
    void readAllOfTheFileAgreesWithFromTree(Document document) throws IOException {
        List<Backend> all = BackendJson.readAll(fixturesDir().resolve(document.file()));

        assertThat(all).contains(BackendJson.fromTree(document.tree()));
    }

    @Test
    void everyFixtureFileNamesItsSourceRepositoryPathAndCommit() throws IOException {
        for (Path file : yamlFiles(fixturesDir())) {
            String text = Files.readString(file);

            assertThat(text).as("header of %s", file.getFileName()).startsWith("# Source: github.com/")
                    .containsPattern("# Path: \\S+ \\(ref \\S+, commit [0-9a-f]{40}\\)");
        }
    }

    @Test
    void topLevelPriorityGroupsAreTyped() throws IOException {
        Document doc = document("07-priority-groups-main.yaml", "priority-groups");

        Backend backend = BackendJson.fromTree(doc.tree());

        assertThat(backend.getSpec().getType()).isNull();
        assertThat(backend.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(backend.getSpec().getPriorityGroups()).hasSize(2);
        assertThat(backend.getSpec().getPriorityGroups().get(1).getBackendRefs().get(1).getName()).isEqualTo("failover-httpbin");
        assertThat(backend.validate()).isEmpty();
    }

    @Test
    void awsLambdaAndAuthAreTyped() throws IOException {
        Document doc = document("03-aws-lambda-secret-main.yaml", "lambda-backend");

        Backend backend = BackendJson.fromTree(doc.tree());

        AwsBackend aws = backend.getSpec().getAws();
        assertThat(aws.getLambdaFunctionName()).isNull();
        assertThat(aws.getAdditionalProperties()).isEmpty();
        assertThat(aws.getLambda().getFunctionName()).isEqualTo("hello-function");
        assertThat(aws.getLambda().getAccountId()).isEqualTo("000000000000");
        assertThat(aws.getAuth().getType()).isEqualTo(AwsAuthType.SECRET);
        assertThat(backend.validate()).isEmpty();
    }

    @Test
    void v20LlmProviderBlockIsTyped() throws IOException {
        Document doc = document("12-ai-providers-v2.0.x.yaml", "openai");

        Backend backend = BackendJson.fromTree(doc.tree());

        AiBackend ai = backend.getSpec().getAi();
        assertThat(ai.getProvider()).isNull();
        assertThat(ai.getAdditionalProperties()).isEmpty();
        assertThat(ai.getLlm().getProvider().getOpenai()).isNotNull();
        assertThat(ai.getLlm().getProvider().getOpenai().getAuthToken().getKind()).isNotNull();
        assertThat(backend.getMetadata().getLabels()).containsEntry("app", "kgateway");
        assertThat(backend.validate()).isEmpty();
    }

    @Test
    void knownMembersOfUpstreamManifestsAreTyped() throws IOException {
        Backend backend = BackendJson.fromTree(document("01-static-main.yaml", "nginx-static").tree());

        assertThat(backend.getSpec().getType()).isSameAs(BackendType.STATIC);
        assertThat(backend.getSpec().getStaticBackend().getHosts()).singleElement().satisfies(h -> {
            assertThat(h.getHost()).isEqualTo("nginx.nginx-shared.svc");
            assertThat(h.getPort()).isEqualTo(8080);
            assertThat(h.getAdditionalProperties()).isEmpty();
        });
        assertThat(backend.validate()).isEmpty();
    }

    @Test
    void unknownEnumValueIsKeptAndWrittenBack() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"kafka\"},"
                + "\"spec\":{\"type\":\"Kafka\",\"kafka\":{\"topic\":\"p\"}}}";

        Backend backend = BackendJson.fromJson(json);

        BackendType type = backend.getSpec().getType();
        assertThat(type.isKnown()).isFalse();
        assertThat(type.value()).isEqualTo("Kafka");
        assertThat(backend.getSpec().getAdditionalProperties()).containsOnlyKeys("kafka");
        assertThat(BackendJson.toJson(backend)).isEqualTo(json);
        assertThat(BackendJson.toTree(backend)).isEqualTo(BackendJson.jsonMapper().readTree(json));
    }

    @Test
    void unknownProviderTypeInYamlIsKeptAndWrittenBack() {
        String yaml = """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata:
                  name: anthropic
                spec:
                  type: AI
                  ai:
                    provider:
                      type: anthropic
                      anthropic:
                        model: claude
                """;

        Backend backend = BackendJson.fromYaml(yaml);

        assertThat(backend.getSpec().getAi().getProvider().getType().isKnown()).isFalse();
        assertThat(BackendJson.toTree(backend)).isEqualTo(BackendJson.yamlMapper().readTree(yaml));
    }
}

package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated serializers ({@code XSerializer}) write what Jackson's bean serializer wrote before
 * them, byte for byte: every Backend of the upstream fixtures, of an API-server list with
 * managedFields and unknown members, and of the edge cases, by every route (JSON, pretty JSON, YAML,
 * trees, a default Jackson 3 mapper, and mappers ordering map entries or unwrapping one-element
 * arrays). The expected texts were written by {@link EncodeGolden} with the model as it was before.
 */
class GeneratedSerializersTest {

    static Path resources() {
        try {
            return Path.of(GeneratedSerializersTest.class.getResource("/encode").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> inputsAndRoutes() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String input : EncodeGolden.inputs(resources())) {
            for (String route : EncodeGolden.ROUTES.keySet()) {
                out.add(Arguments.of(input, route));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("inputsAndRoutes")
    void writesWhatTheBeanSerializerWrote(String input, String route) throws IOException {
        Path resources = resources();

        String written = EncodeGolden.render(resources.resolve(input), EncodeGolden.ROUTES.get(route));

        assertThat(written).isEqualTo(Files.readString(EncodeGolden.expected(resources, input, route)));
    }

    @Test
    void theCorpusCoversFixturesTheApiServerListAndEdgeCases() throws IOException {
        List<String> inputs = EncodeGolden.inputs(resources());

        assertThat(inputs).contains("upstream/01-static-main.yaml", "upstream/main/inputs-backends-aws-ec2.yaml",
                "encode/edge-cases.yaml", "encode/workload-list-30.json");
        assertThat(EncodeGolden.backends(resources().resolve("encode/workload-list-30.json"))).hasSize(30);
        assertThat(EncodeGolden.backends(resources().resolve("encode/edge-cases.yaml"))).hasSize(6);
    }

    @Test
    void apiServerListItemsReadAndWrittenAreByteIdenticalToTheServersJson() throws IOException {
        JsonNode list = BackendJson.jsonMapper().readTree(Files.readAllBytes(resources().resolve("encode/workload-list-30.json")));

        for (JsonNode item : list.path("items")) {
            String serverJson = BackendJson.jsonMapper().writeValueAsString(item);
            Backend backend = BackendJson.fromJson(serverJson);
            // the server sorts keys, the model writes schema order: compare as trees, and as text through a sorting mapper
            assertThat(BackendJson.toTree(backend)).isEqualTo(item);
            assertThat(SORTING.writeValueAsString(SORTING.readTree(BackendJson.toJson(backend)))).isEqualTo(SORTING.writeValueAsString(item));
        }
    }

    private static final JsonMapper SORTING = JsonMapper.builder()
            .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(tools.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    @Test
    void everyModelTypeNamesItsGeneratedSerializer() {
        for (Class<?> type : List.of(Backend.class, ObjectMeta.class, BackendSpec.class, StaticHost.class, Condition.class)) {
            JsonSerialize annotation = type.getAnnotation(JsonSerialize.class);

            assertThat(annotation).as("%s", type.getSimpleName()).isNotNull();
            assertThat(annotation.using().getSimpleName()).isEqualTo(type.getSimpleName() + "Serializer");
        }
    }

    @Test
    void absentMembersAreLeftOutAndEmptyStringsAreWritten() {
        Backend backend = Backend.builder()
                .metadata(m -> m.name("").namespace(null).labels(Map.of()).finalizers(List.of()))
                .build();

        assertThat(BackendJson.toJson(backend))
                .isEqualTo("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"\"}}");
    }

    @Test
    void unknownMembersComeAfterDeclaredOnesInInsertionOrderWithJsonNullKept() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        StaticHost host = StaticHost.builder()
                .putAdditionalProperties("zeta", nodes.nullNode())
                .putAdditionalProperties("alpha", nodes.numberNode(1.0))
                .port(80)
                .host("h")
                .build();

        assertThat(BackendJson.jsonMapper().writeValueAsString(host)).isEqualTo("{\"host\":\"h\",\"port\":80,\"zeta\":null,\"alpha\":1.0}");
    }

    @Test
    void aDefaultJackson3MapperWritesDeclaredMembersAlphabetically() {
        StaticHost host = StaticHost.builder().port(80).host("h").tls(t -> t.sni("s")).build();

        assertThat(JsonMapper.builder().build().writeValueAsString(host)).isEqualTo("{\"host\":\"h\",\"port\":80,\"tls\":{\"sni\":\"s\"}}");
        assertThat(JsonMapper.builder().build().writeValueAsString(Backend.builder().spec(s -> s.type(BackendType.STATIC)).build()))
                .isEqualTo("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"spec\":{\"type\":\"Static\"}}");
    }

    @Test
    void modelValuesInsideOtherObjectsAreWrittenByTheirSerializer() {
        Map<String, Object> wrapper = new java.util.LinkedHashMap<>();
        wrapper.put("host", StaticHost.builder().host("h").build());
        wrapper.put("hosts", List.of(StaticHost.builder().port(1).build()));

        assertThat(BackendJson.jsonMapper().writeValueAsString(wrapper)).isEqualTo("{\"host\":{\"host\":\"h\"},\"hosts\":[{\"port\":1}]}");
    }

    @Test
    void aFailureOfTheGeneratorSurfacesAsAJacksonException() {
        StaticHost host = StaticHost.builder().host("h").build();
        java.io.OutputStream failing = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };

        assertThatThrownBy(() -> BackendJson.jsonMapper().writeValue(failing, host))
                .isInstanceOf(tools.jackson.core.JacksonException.class)
                .hasMessageContaining("disk full");
    }
}

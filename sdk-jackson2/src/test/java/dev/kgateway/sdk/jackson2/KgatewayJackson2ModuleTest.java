package dev.kgateway.sdk.jackson2;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendSpec;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.StaticHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KgatewayJackson2ModuleTest {

    private static final String WEB = """
            {"apiVersion":"gateway.kgateway.dev/v1alpha1","kind":"Backend",
             "metadata":{"name":"web","namespace":"shop","labels":{"team":"web"}},
             "spec":{"type":"Static","static":{"hosts":[{"host":"10.0.0.7","port":8080,"weight":1.10}]},
                     "futureBlock":{"nested":[1,12345678901234567890,true,null,"x"],"ratio":0.1}},
             "futureTopLevel":{"a":{"b":"c"}}}
            """;

    private final ObjectMapper jackson2 = new ObjectMapper().registerModule(new KgatewayJackson2Module());

    /** The same JSON tree as Jackson 3 parses it, for comparisons independent of member order and spacing. */
    private static JsonNode tree(String json) {
        return BackendJson.jsonMapper().readTree(json);
    }

    @Test
    void writesABackendExactlyAsTheModelsOwnCodec() throws IOException {
        Backend web = BackendJson.fromJson(WEB);

        String json = jackson2.writeValueAsString(web);

        assertThat(tree(json)).isEqualTo(tree(BackendJson.toJson(web))).isEqualTo(tree(WEB));
    }

    @Test
    void readsABackendEqualToTheModelsOwnReading() throws IOException {
        Backend read = jackson2.readValue(WEB, Backend.class);

        assertThat(read).isEqualTo(BackendJson.fromJson(WEB));
        assertThat(read.getSpec().getAdditionalProperties()).containsKey("futureBlock");
    }

    @Test
    void keepsNumbersAsTheModelsCodecDoes() throws IOException {
        Backend read = jackson2.readValue(WEB, Backend.class);

        String json = jackson2.writeValueAsString(read);

        assertThat(json).isEqualTo(BackendJson.toJson(BackendJson.fromJson(WEB)))
                .contains("12345678901234567890").contains("\"ratio\":0.1").contains("\"port\":8080");
    }

    @Test
    void keepsUnknownEnumValues() throws IOException {
        Backend read = jackson2.readValue(WEB.replace("\"type\":\"Static\"", "\"type\":\"Quantum\""), Backend.class);

        assertThat(read.getSpec().getType().isKnown()).isFalse();
        assertThat(jackson2.writeValueAsString(read)).contains("\"type\":\"Quantum\"");
    }

    @Test
    void handlesNestedModelTypesAndOpenEnumsOnTheirOwn() throws IOException {
        BackendSpec spec = BackendJson.fromJson(WEB).getSpec();

        BackendSpec read = jackson2.readValue(jackson2.writeValueAsString(spec), BackendSpec.class);
        BackendType type = jackson2.readValue("\"AWS\"", BackendType.class);

        assertThat(read).isEqualTo(spec);
        assertThat(type).isEqualTo(BackendType.AWS);
        assertThat(jackson2.writeValueAsString(BackendType.AI)).isEqualTo("\"AI\"");
    }

    /** A class of an application, as a Spring MVC controller would return it. */
    public record Page(List<Backend> items, Map<String, StaticHost> hosts, Backend missing) {
    }

    @Test
    void worksInsideTheApplicationsOwnTypes() throws IOException {
        Backend web = BackendJson.fromJson(WEB);
        Page page = new Page(List.of(web, web), Map.of("first", web.getSpec().getStaticBackend().getHosts().get(0)), null);

        Page read = jackson2.readValue(jackson2.writeValueAsString(page), Page.class);

        assertThat(read).isEqualTo(page);
    }

    @Test
    void convertsToAndFromMaps() {
        Backend web = BackendJson.fromJson(WEB);

        Map<String, Object> map = jackson2.convertValue(web, new TypeReference<Map<String, Object>>() { });
        Backend back = jackson2.convertValue(map, Backend.class);

        assertThat(map).containsKeys("futureTopLevel", "spec");
        assertThat(back).isEqualTo(web);
    }

    @Test
    void writesJackson3TreesAsJson() throws IOException {
        Map<String, JsonNode> unknown = BackendJson.fromJson(WEB).getAdditionalProperties();

        String json = jackson2.writeValueAsString(unknown);
        Map<String, JsonNode> read = jackson2.readValue(json, new TypeReference<Map<String, JsonNode>>() { });

        assertThat(tree(json)).isEqualTo(tree("{\"futureTopLevel\":{\"a\":{\"b\":\"c\"}}}"));
        assertThat(read).isEqualTo(unknown);
    }

    @Test
    void aWrongJsonTypeFailsNamingThePathWithoutQuotingTheValue() {
        String bad = WEB.replace("\"port\":8080", "\"port\":\"s3cr3t-value\"");

        assertThatThrownBy(() -> jackson2.readValue(bad, Backend.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("spec.static.hosts[0].port")
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void aWrongJsonTypeInANestedTypeFailsNamingThePathWithoutQuotingTheValue() {
        assertThatThrownBy(() -> jackson2.readValue("{\"host\":\"h\",\"port\":\"s3cr3t-value\"}", StaticHost.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("StaticHost")
                .hasMessageContaining("'port'")
                .hasNoCause()
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void aWrongJsonTypeInAListOfANestedTypeNamesTheIndex() {
        String spec = "{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"h\",\"port\":\"s3cr3t-value\"}]}}";

        assertThatThrownBy(() -> jackson2.readValue(spec, BackendSpec.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("'static.hosts[0].port'")
                .message().doesNotContain("s3cr3t-value");
    }

    @Test
    void aDuplicateMemberFailsAsWithTheModelsReader() {
        String duplicate = "{\"kind\":\"Backend\",\"metadata\":{\"name\":\"a\",\"name\":\"b\"}}";

        assertThatThrownBy(() -> jackson2.readValue(duplicate, Backend.class)).isInstanceOf(JsonMappingException.class);
    }

    @Test
    void findAndRegisterModulesFindsIt() throws IOException {
        ObjectMapper found = new ObjectMapper().findAndRegisterModules();

        assertThat(found.getRegisteredModuleIds()).contains(KgatewayJackson2Module.class.getName());
        assertThat(found.readValue(WEB, Backend.class)).isEqualTo(BackendJson.fromJson(WEB));
    }

    @Test
    void aJsonNullInAJackson3TreePositionIsJackson3sNullNode() throws IOException {
        Map<String, JsonNode> read = jackson2.readValue("{\"a\":null}", new TypeReference<Map<String, JsonNode>>() { });

        assertThat(read.get("a")).isNotNull();
        assertThat(read.get("a").isNull()).isTrue();
    }

    @Test
    void aJsonNullInAModelPositionIsANullReference() throws IOException {
        Map<String, Backend> read = jackson2.readValue("{\"a\":null}", new TypeReference<Map<String, Backend>>() { });

        assertThat(read).containsEntry("a", null);
    }

    @Test
    void theModuleHasOneNameAndIdSoRegisteringItTwiceRegistersItOnce() {
        ObjectMapper twice = new ObjectMapper().registerModule(new KgatewayJackson2Module()).registerModule(new KgatewayJackson2Module());

        assertThat(new KgatewayJackson2Module().getModuleName()).isEqualTo("kgateway-sdk-jackson2");
        assertThat(new KgatewayJackson2Module().version()).isEqualTo(com.fasterxml.jackson.core.Version.unknownVersion());
        assertThat(twice.getRegisteredModuleIds()).containsExactly(KgatewayJackson2Module.class.getName());
    }

    static Stream<Backend> upstreamBackends() throws IOException, URISyntaxException {
        Path dir = Path.of(KgatewayJackson2ModuleTest.class.getResource("/upstream").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .flatMap(f -> BackendJson.readAll(f).stream()).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("upstreamBackends")
    void roundTripsEveryUpstreamManifestToAnEqualTree(Backend upstream) throws IOException {
        String json = jackson2.writeValueAsString(upstream);

        assertThat(tree(json)).isEqualTo(BackendJson.toTree(upstream));
        assertThat(jackson2.readValue(json, Backend.class)).isEqualTo(upstream);
    }
}

package dev.kgateway.sdk.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kgateway.sdk.model.internal.Jackson2Refusal;
import dev.kgateway.sdk.model.internal.NoTypeIds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonTypeResolver;
import tools.jackson.databind.json.JsonMapper;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard against plain Jackson 2 ({@code @JsonTypeInfo(use = CUSTOM)} and Jackson 2's
 * {@code @JsonTypeIdResolver(Jackson2Refusal.class)}, with Jackson 3's {@code @JsonTypeResolver(NoTypeIds.class)}):
 * plain Jackson 2 fails naming the fix; Jackson 3, also through mappers other than {@link BackendJson}'s
 * (fabric8's, Spring Boot 4's), writes and expects no type id, with or without Jackson 2 on the classpath.
 */
class Jackson2GuardTest {

    private static final JsonMapper PLAIN_JACKSON3 = JsonMapper.builder().build();

    /** An application type holding model values, as a Spring Boot 4 controller would return it. */
    public record Page(List<Backend> items, Map<String, Object> extra) {
    }

    /** Member order aside (a plain Jackson 3 mapper sorts properties alphabetically, as before the guard). */
    private static JsonNode tree(String json) {
        return PLAIN_JACKSON3.readTree(json);
    }

    @Test
    void modelTypesCarryTheGuard() {
        for (Class<?> type : List.of(Backend.class, BackendSpec.class, StaticHost.class, ObjectMeta.class)) {
            assertThat(type.getAnnotation(JsonTypeInfo.class).use()).isEqualTo(JsonTypeInfo.Id.CUSTOM);
            assertThat(type.getAnnotation(JsonTypeResolver.class).value()).isEqualTo(NoTypeIds.class);
            assertThat(type.getAnnotation(com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver.class).value())
                    .isEqualTo(Jackson2Refusal.class);
        }
    }

    @Test
    void plainJackson2FailsNamingTheModelTypeAndTheFix() {
        com.fasterxml.jackson.databind.ObjectMapper jackson2 = new com.fasterxml.jackson.databind.ObjectMapper();
        Backend web = BuilderRoundTripTest.staticWithTlsAndTwoHosts();

        assertThatThrownBy(() -> jackson2.writeValueAsString(web))
                .hasMessageStartingWith("Plain Jackson 2 cannot write or read the kgateway SDK's model, made for Jackson 3 (tools.jackson)"
                        + " (here dev.kgateway.sdk.model.")
                .hasMessageContaining("Register dev.kgateway.sdk.jackson2.KgatewayJackson2Module");
        assertThatThrownBy(() -> jackson2.readValue("{\"host\":\"a\"}", StaticHost.class))
                .hasMessageStartingWith(Jackson2Refusal.MESSAGE + " (here dev.kgateway.sdk.model.StaticHost).");
        assertThatThrownBy(() -> jackson2.writeValueAsString(StaticHost.builder().host("a").build()))
                .hasMessageStartingWith(Jackson2Refusal.MESSAGE + " (here dev.kgateway.sdk.model.");
    }

    /**
     * Applications without Jackson 2 (fabric8, Spring Boot 4): Jackson 2's {@code @JsonTypeIdResolver}
     * cannot be loaded, so the JVM drops it, {@code Jackson2Refusal} is never loaded, Jackson 3 works.
     */
    @Test
    void withoutJackson2OnTheClasspathTheModelLoadsAndJackson3ReadsAndWrites() throws Exception {
        URL[] jackson3Only = Stream.of(Backend.class, JsonMapper.class, tools.jackson.core.JsonParser.class, JsonTypeInfo.class,
                        tools.jackson.dataformat.yaml.YAMLMapper.class, org.snakeyaml.engine.v2.api.LoadSettings.class,
                        javax.annotation.Nullable.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation()).distinct().toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(jackson3Only, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> backend = loader.loadClass(Backend.class.getName());
            Class<?> codec = loader.loadClass(BackendJson.class.getName());
            String json = BackendJson.toJson(BuilderRoundTripTest.staticWithTlsAndTwoHosts());

            Object read = codec.getMethod("fromJson", String.class).invoke(null, json);
            Object written = codec.getMethod("toJson", backend).invoke(null, read);

            assertThat(written).isEqualTo(json);
            assertThat(Arrays.stream(backend.getAnnotations()).map(a -> a.annotationType().getSimpleName()))
                    .contains("JsonTypeInfo", "JsonTypeResolver").doesNotContain("JsonTypeIdResolver");
        }
    }

    @Test
    void aPlainJackson3MapperWritesWhatBackendJsonWrites() {
        Backend web = BuilderRoundTripTest.staticWithTlsAndTwoHosts();

        assertThat(tree(PLAIN_JACKSON3.writeValueAsString(web))).isEqualTo(tree(BackendJson.toJson(web)));
        assertThat(tree(PLAIN_JACKSON3.writeValueAsString(web.getSpec())))
                .isEqualTo(tree(BackendJson.jsonMapper().writeValueAsString(web.getSpec())));
    }

    @Test
    void aPlainJackson3MapperReadsWithoutTypeIds() {
        Backend web = BuilderRoundTripTest.staticWithTlsAndTwoHosts();

        assertThat(PLAIN_JACKSON3.readValue(BackendJson.toJson(web), Backend.class)).isEqualTo(web);
        assertThat(PLAIN_JACKSON3.readValue("{\"port\":8080}", StaticHost.class).getPort()).isEqualTo(8080);
    }

    @Test
    void modelValuesInsideApplicationTypesGetNoTypeIds() {
        Backend web = BuilderRoundTripTest.staticWithTlsAndTwoHosts();
        Page page = new Page(List.of(web), Map.of("spec", web.getSpec()));

        String json = PLAIN_JACKSON3.writeValueAsString(page);

        assertThat(tree(json)).isEqualTo(tree("{\"items\":[" + BackendJson.toJson(web) + "],\"extra\":{\"spec\":"
                + BackendJson.jsonMapper().writeValueAsString(web.getSpec()) + "}}"));
        assertThat(PLAIN_JACKSON3.readValue(json, Page.class).items()).containsExactly(web);
    }
}

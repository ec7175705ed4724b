package dev.kgateway.sdk.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kgateway.sdk.model.internal.NoTypeIds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonTypeResolver;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard against plain Jackson 2 ({@code @JsonTypeInfo(use = CUSTOM)} with Jackson 3's
 * {@code @JsonTypeResolver(NoTypeIds.class)}) is invisible to Jackson 3, also to mappers other than
 * {@link BackendJson}'s (fabric8's, Spring Boot 4's): no type id is written or expected.
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

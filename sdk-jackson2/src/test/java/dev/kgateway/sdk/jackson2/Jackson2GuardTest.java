package dev.kgateway.sdk.jackson2;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendSpec;
import dev.kgateway.sdk.model.OpenEnum;
import dev.kgateway.sdk.model.internal.Jackson2Refusal;
import dev.kgateway.sdk.model.internal.NoTypeIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.annotation.JsonTypeResolver;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard every generated model type carries ({@code @JsonTypeInfo(use = CUSTOM)} and
 * {@code @JsonTypeIdResolver(Jackson2Refusal.class)} for Jackson 2, {@code @JsonTypeResolver(NoTypeIds.class)}
 * for Jackson 3): plain Jackson 2 fails loudly, naming the fix, instead of writing Jackson 3 node dumps,
 * and {@link KgatewayJackson2Module} lifts it.
 */
class Jackson2GuardTest {

    /** Plain Jackson 2's failure names the model type it met first (a member's type, at times) and the module. */
    private static final String REFUSAL = "Plain Jackson 2 cannot write or read the kgateway SDK's model, made for Jackson 3"
            + " (tools.jackson) (here dev.kgateway.sdk.model.";
    private static final String FIX = "). Register " + KgatewayJackson2Module.class.getName()
            + " (artifact dev.kgateway.sdk:kgateway-sdk-jackson2) with this com.fasterxml.jackson ObjectMapper";

    private static final String WEB = """
            {"apiVersion":"gateway.kgateway.dev/v1alpha1","kind":"Backend",
             "metadata":{"name":"web","namespace":"shop"},
             "spec":{"type":"Static","static":{"hosts":[{"host":"10.0.0.7","port":8080}]},"futureBlock":{"a":[1,true]}},
             "futureTopLevel":{"b":"c"}}
            """;

    private static final String SPEC = """
            {"type":"Static","static":{"hosts":[{"host":"10.0.0.7","port":8080}]},"futureBlock":{"a":[1,true]}}
            """;

    private final ObjectMapper plain = new ObjectMapper();
    private final ObjectMapper withModule = new ObjectMapper().registerModule(new KgatewayJackson2Module());

    /** A type of the application holding model values, as a Spring Boot 3 controller would return it. */
    public record Page(List<Backend> items, Map<String, Object> extra) {
    }

    private static BackendSpec spec() {
        return BackendJson.jsonMapper().readValue(SPEC, BackendSpec.class);
    }

    @Test
    void plainJackson2FailsToWriteABackend() {
        Backend web = BackendJson.fromJson(WEB);

        assertThatThrownBy(() -> plain.writeValueAsString(web)).hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
    }

    @Test
    void plainJackson2FailsToWriteANestedModelType() {
        assertThatThrownBy(() -> plain.writeValueAsString(spec())).hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
    }

    @Test
    void plainJackson2FailsToWriteABackendInsideTheApplicationsOwnTypes() {
        Backend web = BackendJson.fromJson(WEB);

        assertThatThrownBy(() -> plain.writeValueAsString(new Page(List.of(web), Map.of())))
                .hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
        assertThatThrownBy(() -> plain.writeValueAsString(new Page(List.of(), Map.of("spec", spec()))))
                .hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
        assertThatThrownBy(() -> plain.convertValue(web, Map.class)).hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
    }

    @Test
    void plainJackson2FailsToReadABackend() {
        assertThatThrownBy(() -> plain.readValue(WEB, Backend.class)).hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
    }

    @Test
    void plainJackson2FailsToReadANestedModelType() {
        assertThatThrownBy(() -> plain.readValue(SPEC, BackendSpec.class)).hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
    }

    @Test
    void withTheModuleJackson2WritesABackendExactlyAsTheModelsOwnCodec() throws Exception {
        Backend web = BackendJson.fromJson(WEB);

        assertThat(withModule.writeValueAsString(web)).isEqualTo(BackendJson.toJson(web));
    }

    @Test
    void withTheModuleJackson2WritesANestedModelTypeExactlyAsTheModelsOwnCodec() throws Exception {
        BackendSpec spec = spec();

        assertThat(withModule.writeValueAsString(spec)).isEqualTo(BackendJson.jsonMapper().writeValueAsString(spec));
    }

    @Test
    void withTheModuleJackson2ReadsWhatTheModelsOwnCodecReads() throws Exception {
        assertThat(withModule.readValue(WEB, Backend.class)).isEqualTo(BackendJson.fromJson(WEB));
        assertThat(withModule.readValue(SPEC, BackendSpec.class)).isEqualTo(spec());
    }

    @Test
    void withTheModuleJackson2WritesModelValuesInsideTheApplicationsOwnTypes() throws Exception {
        Backend web = BackendJson.fromJson(WEB);

        String json = withModule.writeValueAsString(new Page(List.of(web), Map.of("spec", spec())));

        assertThat(json).isEqualTo("{\"items\":[" + BackendJson.toJson(web) + "],\"extra\":{\"spec\":"
                + BackendJson.jsonMapper().writeValueAsString(spec()) + "}}");
    }

    static Set<Class<?>> modelValueTypes() {
        return reachableValueTypes(Backend.class);
    }

    @ParameterizedTest
    @MethodSource("modelValueTypes")
    void everyModelValueTypeCarriesTheGuard(Class<?> type) throws Exception {
        JsonTypeInfo shared = type.getAnnotation(JsonTypeInfo.class);
        JsonTypeIdResolver jackson2 = type.getAnnotation(JsonTypeIdResolver.class);
        JsonTypeResolver jackson3 = type.getAnnotation(JsonTypeResolver.class);

        assertThat(shared).as("@JsonTypeInfo on %s", type.getSimpleName()).isNotNull();
        assertThat(shared.use()).isEqualTo(JsonTypeInfo.Id.CUSTOM);
        assertThat(jackson2).as("@JsonTypeIdResolver on %s", type.getSimpleName()).isNotNull();
        assertThat(jackson2.value()).isEqualTo(Jackson2Refusal.class);
        assertThat(jackson3).as("@JsonTypeResolver on %s", type.getSimpleName()).isNotNull();
        assertThat(jackson3.value()).isEqualTo(NoTypeIds.class);
        assertThatThrownBy(() -> plain.readValue("{}", type)).hasMessageStartingWith(REFUSAL).hasMessageContaining(FIX);
        assertThat(withModule.readValue("{}", type)).isInstanceOf(type);
    }

    @Test
    void theGuardedTypesAreTheWholeModel() {
        assertThat(modelValueTypes()).hasSizeGreaterThan(30).contains(Backend.class, BackendSpec.class);
    }

    /** The abstract value types reachable from {@code root} through its {@code @JsonProperty} getters. */
    private static Set<Class<?>> reachableValueTypes(Class<?> root) {
        Set<Class<?>> found = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.addAll(List.of(p.getActualTypeArguments()));
                continue;
            }
            if (!(t instanceof Class<?> c) || !c.getPackageName().equals(Backend.class.getPackageName())
                    || OpenEnum.class.isAssignableFrom(c) || !Modifier.isAbstract(c.getModifiers()) || !found.add(c)) {
                continue;
            }
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(JsonProperty.class)) {
                    todo.add(m.getGenericReturnType());
                }
            }
        }
        return found;
    }
}

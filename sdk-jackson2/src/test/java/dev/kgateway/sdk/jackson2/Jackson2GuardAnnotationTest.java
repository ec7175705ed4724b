package dev.kgateway.sdk.jackson2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.annotation.JsonTypeResolver;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.jsontype.TypeResolverBuilder;
import tools.jackson.databind.jsontype.TypeSerializer;

import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the generator could emit on every model type so that plain Jackson 2 fails loudly instead of
 * silently writing Jackson 3 node dumps, emulated on a stand-in class: Jackson 3 ignores the guard,
 * Jackson 2 cannot build a serializer or deserializer for it, and this module lifts it.
 */
class Jackson2GuardAnnotationTest {

    /** The Jackson 3 half of the guard: "no type id here". Would live in sdk-model (an internal class). */
    public static final class NoTypeIds implements TypeResolverBuilder<NoTypeIds> {
        @Override
        public Class<?> getDefaultImpl() {
            return null;
        }

        @Override
        public TypeSerializer buildTypeSerializer(SerializationContext ctxt, JavaType baseType, Collection<NamedType> subtypes) {
            return null;
        }

        @Override
        public TypeDeserializer buildTypeDeserializer(DeserializationContext ctxt, JavaType baseType, Collection<NamedType> subtypes) {
            return null;
        }

        @Override
        public NoTypeIds init(JsonTypeInfo.Value settings, TypeIdResolver res) {
            return this;
        }

        @Override
        public NoTypeIds withDefaultImpl(Class<?> defaultImpl) {
            return this;
        }

        @Override
        public NoTypeIds withSettings(JsonTypeInfo.Value settings) {
            return this;
        }
    }

    /** Stands in for a generated model type carrying the guard. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM)
    @JsonTypeResolver(NoTypeIds.class)
    public static final class Guarded {
        private final String name;

        @JsonCreator
        Guarded(@JsonProperty("name") String name) {
            this.name = name;
        }

        @JsonProperty("name")
        public String getName() {
            return name;
        }
    }

    /** A type of the application holding one, as a controller would return it. */
    public record Holder(List<Guarded> items) {
    }

    @Test
    void jackson3IgnoresTheGuard() {
        JsonMapper jackson3 = JsonMapper.builder().build();

        String json = jackson3.writeValueAsString(new Holder(List.of(new Guarded("a"))));

        assertThat(json).isEqualTo("{\"items\":[{\"name\":\"a\"}]}");
        assertThat(jackson3.readValue(json, Holder.class).items().get(0).getName()).isEqualTo("a");
    }

    @Test
    void plainJackson2FailsToWriteIt() {
        assertThatThrownBy(() -> new ObjectMapper().writeValueAsString(new Holder(List.of(new Guarded("a")))))
                .hasMessageContaining("CUSTOM");
        assertThatThrownBy(() -> new ObjectMapper().writeValueAsString(new Guarded("a")))
                .hasMessageContaining("CUSTOM");
    }

    @Test
    void plainJackson2FailsToReadIt() {
        assertThatThrownBy(() -> new ObjectMapper().readValue("{\"name\":\"a\"}", Guarded.class))
                .hasMessageContaining("CUSTOM");
    }

    @Test
    void jackson2WithTheModuleWritesAndReadsItWithoutTypeIds() throws Exception {
        ObjectMapper jackson2 = new ObjectMapper().registerModule(new KgatewayJackson2Module());

        String json = jackson2.writeValueAsString(new Holder(List.of(new Guarded("a"))));

        assertThat(json).isEqualTo("{\"items\":[{\"name\":\"a\"}]}");
        assertThat(jackson2.readValue(json, Holder.class).items().get(0).getName()).isEqualTo("a");
    }
}

package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written half of the generated serializers, one mapper setting or value kind per test. */
class EncodeSupportTest {

    /** Something to write: the test's statements, run by a serializer inside a real mapper. */
    private record Writes(BiConsumer<JsonGenerator, SerializationContext> body) {
    }

    private static final class WritesSerializer extends ValueSerializer<Writes> {
        @Override
        public void serialize(Writes value, JsonGenerator g, SerializationContext ctxt) {
            value.body().accept(g, ctxt);
        }
    }

    private static final JsonMapper PLAIN = mapper(JsonMapper.builder());
    private static final JsonMapper ORDERED = mapper(JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));
    private static final JsonMapper UNWRAPPED = mapper(JsonMapper.builder().enable(SerializationFeature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static JsonMapper mapper(JsonMapper.Builder builder) {
        return builder.addModule(new SimpleModule().addSerializer(Writes.class, new WritesSerializer())).build();
    }

    private static String write(JsonMapper mapper, BiConsumer<JsonGenerator, SerializationContext> body) {
        return mapper.writeValueAsString(new Writes(body));
    }

    private static Map<String, String> zebraThenApple() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("zebra", "z");
        map.put("apple", "a");
        return map;
    }

    @Test
    void aNameIsWrittenAsGiven() {
        assertThat(EncodeSupport.name("a\"b").getValue()).isEqualTo("a\"b");
        assertThat(write(PLAIN, (g, c) -> {
            g.writeStartObject();
            g.writeName(EncodeSupport.name("a\"b"));
            g.writeNumber(1);
            g.writeEndObject();
        })).isEqualTo("{\"a\\\"b\":1}");
    }

    @Test
    void membersAreAlphabeticalExactlyWhenTheMapperSortsProperties() {
        boolean[] seen = new boolean[2];
        write(JsonMapper.builder().addModule(new SimpleModule().addSerializer(Writes.class, new WritesSerializer()))
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build(), (g, c) -> {
            seen[0] = EncodeSupport.alphabetical(c);
            g.writeNull();
        });
        write(JsonMapper.builder().addModule(new SimpleModule().addSerializer(Writes.class, new WritesSerializer()))
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build(), (g, c) -> {
            seen[1] = EncodeSupport.alphabetical(c);
            g.writeNull();
        });

        assertThat(seen).containsExactly(true, false);
    }

    @Test
    void aListStartsAnArrayWithItsSize() {
        boolean[] started = new boolean[1];
        String json = write(PLAIN, (g, c) -> {
            started[0] = EncodeSupport.startArray(List.of("a"), g, c);
            g.writeString("a");
            g.writeEndArray();
        });

        assertThat(started[0]).isTrue();
        assertThat(json).isEqualTo("[\"a\"]");
    }

    @Test
    void aOneElementListIsItsElementWhenTheMapperUnwrapsSingleElementArrays() {
        boolean[] started = new boolean[1];
        String json = write(UNWRAPPED, (g, c) -> {
            started[0] = EncodeSupport.startArray(List.of("a"), g, c);
            g.writeString("a");
        });

        assertThat(started[0]).isFalse();
        assertThat(json).isEqualTo("\"a\"");
    }

    @Test
    void aTwoElementListStaysAnArrayWhenTheMapperUnwrapsSingleElementArrays() {
        boolean[] started = new boolean[1];
        String json = write(UNWRAPPED, (g, c) -> {
            started[0] = EncodeSupport.startArray(List.of("a", "b"), g, c);
            g.writeString("a");
            g.writeString("b");
            g.writeEndArray();
        });

        assertThat(started[0]).isTrue();
        assertThat(json).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void aStringMapKeepsItsOrder() {
        assertThat(write(PLAIN, (g, c) -> EncodeSupport.stringMap(zebraThenApple(), g, c))).isEqualTo("{\"zebra\":\"z\",\"apple\":\"a\"}");
    }

    @Test
    void aStringMapIsOrderedByKeyWhenTheMapperOrdersMapEntries() {
        assertThat(write(ORDERED, (g, c) -> EncodeSupport.stringMap(zebraThenApple(), g, c))).isEqualTo("{\"apple\":\"a\",\"zebra\":\"z\"}");
    }

    @Test
    void aMapWritesEachValueAsTheMapperWritesItsType() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tree", NODES.objectNode().put("x", 1));
        map.put("number", 7L);
        map.put("host", StaticHost.builder().host("h").build());
        map.put("list", List.of(true));

        assertThat(write(PLAIN, (g, c) -> EncodeSupport.map(map, g, c)))
                .isEqualTo("{\"tree\":{\"x\":1},\"number\":7,\"host\":{\"host\":\"h\"},\"list\":[true]}");
        assertThat(write(ORDERED, (g, c) -> EncodeSupport.map(map, g, c)))
                .isEqualTo("{\"host\":{\"host\":\"h\"},\"list\":[true],\"number\":7,\"tree\":{\"x\":1}}");
    }

    @Test
    void unknownMembersAreWrittenInTheirOrderIntoTheOpenObject() {
        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        unknown.put("zeta", NODES.nullNode());
        unknown.put("alpha", NODES.arrayNode().add(1.5).add("s"));

        String json = write(PLAIN, (g, c) -> {
            g.writeStartObject();
            EncodeSupport.unknownMembers(unknown, g, c);
            g.writeEndObject();
        });

        assertThat(json).isEqualTo("{\"zeta\":null,\"alpha\":[1.5,\"s\"]}");
    }

    @Test
    void unknownMembersAreOrderedByNameWhenTheMapperOrdersMapEntries() {
        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        unknown.put("zeta", NODES.numberNode(1));
        unknown.put("alpha", NODES.numberNode(2));

        String json = write(ORDERED, (g, c) -> {
            g.writeStartObject();
            EncodeSupport.unknownMembers(unknown, g, c);
            g.writeEndObject();
        });

        assertThat(json).isEqualTo("{\"alpha\":2,\"zeta\":1}");
    }

    @Test
    void noUnknownMembersWriteNothing() {
        String json = write(ORDERED, (g, c) -> {
            g.writeStartObject();
            EncodeSupport.unknownMembers(Map.of(), g, c);
            g.writeEndObject();
        });

        assertThat(json).isEqualTo("{}");
    }

    @Test
    void aOneEntryMapIsWrittenAsIsEvenWhenTheMapperOrdersMapEntries() {
        Map<String, String> one = Map.of("k", "v");

        assertThat(write(ORDERED, (g, c) -> EncodeSupport.stringMap(one, g, c))).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void aTreeValueIsWrittenAsTheJsonItHolds() {
        ObjectNode tree = NODES.objectNode();
        tree.putNull("n");
        tree.putArray("a");

        assertThat(write(PLAIN, (g, c) -> EncodeSupport.value(tree, g, c))).isEqualTo("{\"n\":null,\"a\":[]}");
    }

    @Test
    void anyOtherValueGoesThroughTheMappersSerializerForItsClass() {
        assertThat(write(PLAIN, (g, c) -> EncodeSupport.value(BackendType.AWS, g, c))).isEqualTo("\"AWS\"");
        assertThat(write(PLAIN, (g, c) -> EncodeSupport.value(Map.of("k", 2.5), g, c))).isEqualTo("{\"k\":2.5}");
    }
}

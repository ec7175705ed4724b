package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RawJson}: JSON kept as compact text, read and written back unchanged. */
class RawJsonTest {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    @Test
    void ofCompactsAnyFormattingAndKeepsMemberOrderAndNumberText() {
        RawJson raw = RawJson.of("{ \"b\" : [1.50, -0, 1e3],\n \"a\": {\"k:{\\\"type\\\":\\\"x\\\"}\": {}}, \"u\": \"\u00e9\u4e2d\" }");

        assertThat(raw.toJson()).isEqualTo("{\"b\":[1.50,-0,1e3],\"a\":{\"k:{\\\"type\\\":\\\"x\\\"}\":{}},\"u\":\"\u00e9\u4e2d\"}");
        assertThat(raw.byteLength()).isEqualTo(raw.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void scalarsAreValuesToo() {
        assertThat(RawJson.of(" 12 ").toJson()).isEqualTo("12");
        assertThat(RawJson.of("\"s\"").toJson()).isEqualTo("\"s\"");
        assertThat(RawJson.of("null").toJson()).isEqualTo("null");
        assertThat(RawJson.of("[true,false]").toJson()).isEqualTo("[true,false]");
    }

    @Test
    void ofRefusesTextThatIsNotExactlyOneValue() {
        assertThatThrownBy(() -> RawJson.of("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> RawJson.of("{} {}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one JSON value");
        assertThatThrownBy(() -> RawJson.of("{\"a\":")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON value");
        assertThatThrownBy(() -> RawJson.of("}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON value");
    }

    @Test
    void equalWhenTheCompactTextIsEqual() {
        RawJson a = RawJson.of("{\"f:a\":{}}");

        assertThat(a).isEqualTo(RawJson.of("{ \"f:a\" : { } }")).hasSameHashCodeAs(RawJson.of("{\"f:a\":{}}"));
        assertThat(a).isNotEqualTo(RawJson.of("{\"f:b\":{}}")).isNotEqualTo("{\"f:a\":{}}");
        assertThat(a.hashCode()).isNotEqualTo(RawJson.of("{\"f:b\":{}}").hashCode());
    }

    @Test
    void treeConversionGoesBothWays() {
        JsonNode tree = PLAIN.readTree("{\"z\":1,\"a\":[{\"x\":null}]}");
        RawJson raw = RawJson.of(tree);

        assertThat(raw.toJson()).isEqualTo("{\"z\":1,\"a\":[{\"x\":null}]}");
        assertThat(raw.asTree()).isEqualTo(tree);
        raw.asTree().properties().clear();
        assertThat(raw.asTree()).isEqualTo(tree);
    }

    @Test
    void toStringShowsOnlyTheSize() {
        assertThat(RawJson.of("{\"token\":\"hunter2\"}")).hasToString("RawJson[19 bytes]");
    }

    /** A holder to see the value inside other documents. */
    record Holder(RawJson value, List<RawJson> more) {
    }

    @Test
    void anyMapperWritesItsBytesRawAndReadsThemBack() {
        RawJson raw = RawJson.of("{\"b\":1.50,\"a\":\"\u00e9\"}");
        Holder holder = new Holder(raw, List.of(RawJson.of("[]"), RawJson.of("7")));

        String json = PLAIN.writeValueAsString(holder);

        assertThat(json).isEqualTo("{\"value\":{\"b\":1.50,\"a\":\"\u00e9\"},\"more\":[[],7]}");
        assertThat(PLAIN.readValue(json, Holder.class)).isEqualTo(holder);
        assertThat(PLAIN.readValue("{\"value\":null}", Holder.class).value()).isNull();
    }

    @Test
    void prettyJsonYamlAndTreesGetTheTokens() {
        Holder holder = new Holder(RawJson.of("{\"f:a\":{\".\":{}},\"n\":1.50}"), List.of());

        assertThat(PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(holder))
                .contains("\"f:a\" : {\n").contains("\"n\" : 1.50");
        assertThat(BackendJson.yamlMapper().writeValueAsString(holder)).contains("f:a:\n").contains("\"n\": 1.50");
        assertThat(PLAIN.valueToTree(holder).get("value")).isEqualTo(PLAIN.readTree("{\"f:a\":{\".\":{}},\"n\":1.50}"));
        assertThat(BackendJson.yamlMapper().readValue(BackendJson.yamlMapper().writeValueAsString(holder), Holder.class))
                .isEqualTo(holder);
    }
}

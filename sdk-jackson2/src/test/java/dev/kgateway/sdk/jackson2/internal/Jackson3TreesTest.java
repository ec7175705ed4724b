package dev.kgateway.sdk.jackson2.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Moving JSON between the Jackson versions: every node type and number type, and the parser positions a deserializer meets. */
class Jackson3TreesTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static String written(JsonNode node) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = new com.fasterxml.jackson.databind.ObjectMapper().createGenerator(out)) {
            Jackson3Trees.write(node, gen);
        }
        return out.toString();
    }

    @Test
    void everyNumberTypeIsWrittenWithItsOwnDigits() throws IOException {
        ObjectNode numbers = NODES.objectNode();
        numbers.put("int", 7);
        numbers.put("long", 10_000_000_000L);
        numbers.put("big", new BigInteger("123456789012345678901234567890"));
        numbers.put("float", 0.25f);
        numbers.put("double", 0.1);
        numbers.put("decimal", new BigDecimal("1.10"));

        assertThat(written(numbers)).isEqualTo(
                "{\"int\":7,\"long\":10000000000,\"big\":123456789012345678901234567890,\"float\":0.25,\"double\":0.1,\"decimal\":1.10}");
    }

    @Test
    void scalarsArraysBinaryPojosNullAndMissingAreWritten() throws IOException {
        ObjectNode all = NODES.objectNode();
        all.put("s", "x\"y");
        all.put("t", true);
        all.put("f", false);
        all.putNull("n");
        all.set("a", NODES.arrayNode().add(1).add("two").add(NODES.arrayNode()));
        all.put("bin", new byte[] {1, 2, 3});
        all.set("pojo", NODES.pojoNode(List.of("p", "q")));
        all.set("missing", NODES.missingNode());

        assertThat(written(all)).isEqualTo(
                "{\"s\":\"x\\\"y\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"two\",[]],\"bin\":\"AQID\",\"pojo\":[\"p\",\"q\"],\"missing\":null}");
    }

    @Test
    void aScalarIsCopiedAsWritten() throws IOException {
        JsonParser p = JSON.createParser("1.50 ");
        p.nextToken();

        assertThat(Jackson3Trees.copyToJson(p)).isEqualTo("1.50");
        assertThat(p.currentToken()).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Test
    void aWholeObjectIsCopiedAndTheParserLeftOnItsEnd() throws IOException {
        JsonParser p = JSON.createParser("[{\"a\":[1,{\"b\":2}],\"c\":3},4]");
        p.nextToken();
        p.nextToken();

        assertThat(Jackson3Trees.copyToJson(p)).isEqualTo("{\"a\":[1,{\"b\":2}],\"c\":3}");
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
    }

    @Test
    void onAMemberNameTheRestOfTheObjectIsCopied() throws IOException {
        JsonParser p = JSON.createParser("{\"a\":1,\"b\":{\"c\":2}}");
        p.nextToken();
        p.nextToken();

        assertThat(Jackson3Trees.copyToJson(p)).isEqualTo("{\"a\":1,\"b\":{\"c\":2}}");
        assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        assertThat(p.nextToken()).isNull();
    }

    @Test
    void aParserWithNoCurrentTokenIsAnError() throws IOException {
        JsonParser p = JSON.createParser("{}");

        assertThatThrownBy(() -> Jackson3Trees.copyToJson(p)).isInstanceOf(IOException.class).hasMessage("unexpected end of input");
    }
}

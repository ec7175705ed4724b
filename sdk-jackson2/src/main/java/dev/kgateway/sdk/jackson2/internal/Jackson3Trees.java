package dev.kgateway.sdk.jackson2.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/** Moves JSON between the two Jackson versions: a Jackson 3 tree onto a Jackson 2 generator, a Jackson 2 value into JSON text. */
public final class Jackson3Trees {

    private static final JsonFactory JSON = new JsonFactory();

    private Jackson3Trees() {
    }

    /**
     * Writes {@code node} with Jackson 2's generator, number types kept (an int stays an int, a
     * BigDecimal keeps its scale).
     */
    public static void write(JsonNode node, JsonGenerator gen) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                gen.writeStartObject();
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    gen.writeFieldName(member.getKey());
                    write(member.getValue(), gen);
                }
                gen.writeEndObject();
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (int i = 0; i < node.size(); i++) {
                    write(node.get(i), gen);
                }
                gen.writeEndArray();
            }
            case STRING -> gen.writeString(node.stringValue());
            case NUMBER -> writeNumber(node, gen);
            case BOOLEAN -> gen.writeBoolean(node.booleanValue());
            case BINARY -> gen.writeBinary(node.binaryValue());
            case POJO -> gen.writeObject(((POJONode) node).getPojo());
            case NULL, MISSING -> gen.writeNull();
        }
    }

    private static void writeNumber(JsonNode node, JsonGenerator gen) throws IOException {
        switch (node.numberType()) {
            case INT -> gen.writeNumber(node.intValue());
            case LONG -> gen.writeNumber(node.longValue());
            case BIG_INTEGER -> gen.writeNumber(node.bigIntegerValue());
            case FLOAT -> gen.writeNumber(node.floatValue());
            case DOUBLE -> gen.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> gen.writeNumber(node.decimalValue());
        }
    }

    /**
     * Copies the value at the parser's current token (a scalar, or a whole object or array; when
     * the parser stands on a member name, the rest of that object) into JSON text, token by token,
     * numbers as written in the source. The parser is left on the value's last token, as Jackson 2
     * expects of a deserializer.
     */
    public static String copyToJson(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            int depth = 0;
            JsonToken token = p.currentToken();
            if (token == JsonToken.FIELD_NAME) {
                gen.writeStartObject();
                depth = 1;
            }
            while (true) {
                if (token == null) {
                    throw new IOException("unexpected end of input");
                }
                gen.copyCurrentEventExact(p);
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (depth == 0) {
                    break;
                }
                token = p.nextToken();
            }
        }
        return out.toString();
    }
}

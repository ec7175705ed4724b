package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The JSON and YAML mappers of the embedded API server, and small tree helpers. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    public static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static JsonNode read(String json) {
        return MAPPER.readTree(json);
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** @return {@code node.metadata}, created when absent */
    public static ObjectNode metadata(ObjectNode node) {
        JsonNode meta = node.get("metadata");
        if (meta instanceof ObjectNode o) {
            return o;
        }
        ObjectNode created = object();
        node.set("metadata", created);
        return created;
    }

    /** @return the text of {@code node.metadata.<member>}, or {@code null} */
    public static String meta(JsonNode node, String member) {
        JsonNode value = node.path("metadata").get(member);
        return value == null || value.isNull() ? null : value.asString();
    }
}

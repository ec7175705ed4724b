package dev.kgateway.sdk.jackson2.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.kgateway.sdk.model.BackendJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;

/** Jackson 2 serializers for the model types and Jackson 3 trees: Jackson 3 writes the tree, Jackson 2 the tokens. */
public final class ModelSerializers extends SimpleSerializers {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
        Class<?> raw = type.getRawClass();
        if (ModelTypes.isJackson3Tree(raw)) {
            return new TreeSerializer();
        }
        Class<?> codecType = ModelTypes.codecType(raw);
        return codecType == null ? null : new ModelSerializer(codecType);
    }

    /** Writes a model value as its Jackson 3 codec does. */
    static final class ModelSerializer extends StdSerializer<Object> {
        private static final long serialVersionUID = 1L;

        ModelSerializer(Class<?> codecType) {
            super(codecType, false);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            JsonNode tree;
            try {
                tree = BackendJson.jsonMapper().valueToTree(value);
            } catch (JacksonException e) {
                provider.reportMappingProblem(e, "kgateway model: Jackson 3 could not write %s: %s",
                        handledType().getSimpleName(), e.getOriginalMessage());
                return;
            }
            Jackson3Trees.write(tree, gen);
        }
    }

    /** Writes a Jackson 3 tree as JSON, not as a bean. */
    static final class TreeSerializer extends StdSerializer<JsonNode> {
        private static final long serialVersionUID = 1L;

        TreeSerializer() {
            super(JsonNode.class);
        }

        @Override
        public void serialize(JsonNode value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Jackson3Trees.write(value, gen);
        }
    }
}

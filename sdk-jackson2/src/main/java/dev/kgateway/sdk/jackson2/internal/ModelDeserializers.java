package dev.kgateway.sdk.jackson2.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendReadException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;

import java.io.IOException;

/**
 * Jackson 2 deserializers for the model types and Jackson 3 trees: Jackson 2's tokens are copied
 * into JSON text, which the model's Jackson 3 codec reads (a Backend through
 * {@link BackendJson#fromJson(String)}, with its limits and duplicate-member check).
 */
public final class ModelDeserializers extends SimpleDeserializers {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription beanDesc)
            throws JsonMappingException {
        Class<?> raw = type.getRawClass();
        if (ModelTypes.isJackson3Tree(raw)) {
            return new ModelDeserializer(raw);
        }
        Class<?> codecType = ModelTypes.codecType(raw);
        return codecType == null ? null : new ModelDeserializer(codecType);
    }

    /** Reads one model value (or Jackson 3 tree) with the model's Jackson 3 codec. */
    static final class ModelDeserializer extends StdDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        ModelDeserializer(Class<?> codecType) {
            super(codecType);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String json = Jackson3Trees.copyToJson(p);
            Class<?> type = handledType();
            try {
                if (type == Backend.class) {
                    return BackendJson.fromJson(json);
                }
                Object value = BackendJson.jsonMapper().readerFor(type)
                        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .readValue(json);
                return type.cast(value);
            } catch (BackendReadException e) {
                // its message names the path and never quotes the content
                throw JsonMappingException.from(p, "kgateway Backend: " + e.getMessage(), e);
            } catch (JacksonException e) {
                // Jackson's own message may quote the offending value, which may be a secret: name the path only
                throw JsonMappingException.from(p, "kgateway " + type.getSimpleName()
                        + ": malformed or wrong JSON type at '" + path(e) + "'", null);
            }
        }

        private static String path(JacksonException e) {
            StringBuilder out = new StringBuilder();
            for (JacksonException.Reference ref : e.getPath()) {
                if (ref.getPropertyName() != null) {
                    out.append(out.length() == 0 ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    out.append('[').append(ref.getIndex()).append(']');
                }
            }
            return out.toString();
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            // a JSON null is a null reference, as for any Jackson 2 bean; for a tree it is Jackson 3's NullNode
            return JsonNode.class.isAssignableFrom(handledType())
                    ? BackendJson.jsonMapper().nullNode() : null;
        }
    }
}

package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/** Jackson (de)serializers that let fabric8's mapper read and write {@link BackendResource} as a model Backend. */
final class BackendResourceSerde {

    private BackendResourceSerde() {
    }

    static final class Serializer extends ValueSerializer<BackendResource> {
        @Override
        public void serialize(BackendResource value, JsonGenerator gen, SerializationContext ctxt) {
            ctxt.writeValue(gen, value.wireBackend());
        }
    }

    static final class Deserializer extends ValueDeserializer<BackendResource> {
        /**
         * The model's generated Backend deserializer: fabric8's mapper does not have the model's
         * module, and would read through Immutables' JSON delegate. Called directly, not looked up
         * per call (each watch event and list item).
         */
        private static final ValueDeserializer<Backend> BACKEND = BackendJson.backendDeserializer();

        @Override
        public BackendResource deserialize(JsonParser p, DeserializationContext ctxt) {
            return BackendResource.fromServer(ReadTransform.apply(ctxt, BACKEND.deserialize(p, ctxt)));
        }

        /**
         * Stateless, so Jackson may keep it. A deserializer named by {@code @JsonDeserialize(using = ..)}
         * is not cached by default: every root read of a BackendResource (each watch event) introspected
         * the class annotations and instantiated a new one.
         */
        @Override
        public boolean isCachable() {
            return true;
        }
    }
}

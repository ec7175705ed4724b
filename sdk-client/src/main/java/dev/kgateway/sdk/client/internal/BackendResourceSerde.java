package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
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
        /** The mapper's Backend deserializer, looked up once in {@link #resolve}. */
        private ValueDeserializer<Object> backend;

        @Override
        public void resolve(DeserializationContext ctxt) {
            backend = ctxt.findRootValueDeserializer(ctxt.constructType(Backend.class));
        }

        @Override
        public BackendResource deserialize(JsonParser p, DeserializationContext ctxt) {
            // ctxt.readValue(p, Backend.class) would look the deserializer up (and introspect Backend's
            // annotations for type information) on every call, i.e. every watch event and list item
            Backend read = backend == null ? ctxt.readValue(p, Backend.class) : (Backend) backend.deserialize(p, ctxt);
            return BackendResource.fromServer(read);
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

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
        @Override
        public BackendResource deserialize(JsonParser p, DeserializationContext ctxt) {
            return BackendResource.fromServer(ctxt.readValue(p, Backend.class));
        }
    }
}

package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads a watch event of a Backend watch straight into a {@link BackendResource}. fabric8's own
 * reading of a {@link WatchEvent} builds a JSON tree of the whole object to find its kind and then
 * reads that tree: two passes and a tree per event, most of a watch's CPU. A Backend watch only
 * carries Backends (ERROR events carry a {@link Status}), so the object is read in one pass while
 * the frame is parsed. The API server writes {@code type} first ({@code metav1.WatchEvent} is a
 * struct: type, then object); when the object comes first its tokens are buffered (a
 * {@link TokenBuffer}, cheaper than a tree) and read once the type is known. BOOKMARK objects (only
 * a resourceVersion) skip the caller's {@link ReadTransform}.
 *
 * <p>Installed only in the SDK's own serialization ({@link BackendSerialization}), never in the
 * fabric8 client's: other users of that client read watch events as before. A failure here makes
 * fabric8 report the event as undecodable with its raw text, as before.
 */
final class WatchEventDeserializer extends ValueDeserializer<WatchEvent> {

    private static final ValueDeserializer<Backend> BACKEND = BackendJson.backendDeserializer();

    @Override
    public WatchEvent deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return (WatchEvent) ctxt.handleUnexpectedToken(WatchEvent.class, p);
        }
        String type = null;
        Object object = null;
        TokenBuffer early = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            p.nextToken();
            if (name.equals("type")) {
                type = p.currentToken() == JsonToken.VALUE_STRING ? p.getString() : null;
            } else if (name.equals("object")) {
                if (type == null) {
                    early = ctxt.bufferAsCopyOfValue(p);
                } else {
                    object = readObject(type, p, ctxt);
                }
            } else {
                p.skipChildren();
            }
        }
        if (early != null) {
            try (JsonParser buffered = early.asParserOnFirstToken(ctxt)) {
                object = readObject(type == null ? "" : type, buffered, ctxt);
            }
        }
        return new WatchEvent(object, type);
    }

    private static Object readObject(String type, JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (type) {
            case "ERROR" -> ctxt.readValue(p, Status.class);
            case "BOOKMARK" -> BackendResource.fromServer(BACKEND.deserialize(p, ctxt));
            default -> BackendResource.fromServer(ReadTransform.apply(ctxt, BACKEND.deserialize(p, ctxt)));
        };
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}

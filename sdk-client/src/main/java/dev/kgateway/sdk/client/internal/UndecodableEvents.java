package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.UndecodableEventException;
import io.fabric8.kubernetes.client.WatcherException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Describes a watch event fabric8 could not decode without repeating its content: the event's type,
 * the Backend's namespace, name and resourceVersion (read leniently from the raw frame), and the
 * kind of error with its JSON path. Decoder messages are left out on purpose: they quote the values
 * they choke on, which may be secrets.
 */
final class UndecodableEvents {

    private static final JsonMapper LENIENT = JsonMapper.builder().build();

    private UndecodableEvents() {
    }

    static UndecodableEventException describe(WatcherException failure) {
        JsonNode event = parse(failure.getRawWatchMessage().orElse(""));
        JsonNode meta = event.path("object").path("metadata");
        return new UndecodableEventException(text(event.path("type")), text(meta.path("namespace")), text(meta.path("name")),
                text(meta.path("resourceVersion")), reason(failure), null);
    }

    private static JsonNode parse(String raw) {
        try {
            return LENIENT.readTree(raw);
        } catch (JacksonException e) {
            return LENIENT.missingNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    /** The innermost decoding error's type and path ({@code MismatchedInputException at spec.static.hosts[0].port}). */
    static String reason(Throwable failure) {
        JacksonException jackson = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                jackson = j;
            }
        }
        if (jackson == null) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + " (the event is not a Backend watch event)";
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : jackson.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return jackson.getClass().getSimpleName() + (path.length() == 0 ? "" : " at " + path);
    }
}

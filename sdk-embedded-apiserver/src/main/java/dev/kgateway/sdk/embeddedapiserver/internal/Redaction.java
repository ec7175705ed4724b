package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** Keeps secret material out of the request log: the values of a Secret's {@code data} and {@code stringData}. */
final class Redaction {

    private Redaction() {
    }

    static String secrets(String body) {
        if (body.isEmpty() || !body.contains("Secret")) {
            return body;
        }
        try {
            JsonNode node = Json.read(body);
            if (node instanceof ObjectNode o && "Secret".equals(o.path("kind").asString(""))) {
                for (String member : List.of("data", "stringData")) {
                    if (o.get(member) instanceof ObjectNode values) {
                        List.copyOf(values.propertyNames()).forEach(k -> values.put(k, "<redacted>"));
                    }
                }
                return Json.write(o);
            }
        } catch (RuntimeException e) {
            return "<unreadable body, not logged>";
        }
        return body;
    }
}

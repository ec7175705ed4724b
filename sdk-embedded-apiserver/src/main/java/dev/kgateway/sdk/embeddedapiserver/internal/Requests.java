package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the verbs read off a call, with kube-apiserver's 400 answers when it is malformed: the body
 * as an object, the label and field selectors, integer parameters, and the field manager of a write.
 */
final class Requests {

    private Requests() {
    }

    static ObjectNode parseObject(String body, boolean yaml) {
        try {
            JsonNode node = yaml ? Json.YAML.readTree(body) : Json.read(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (JacksonException e) {
            throw new ApiError(Status.badRequest("the body of the request could not be decoded: " + e.getOriginalMessage()));
        }
        throw new ApiError(Status.badRequest("the body of the request must be an object"));
    }

    static LabelSelector labelSelector(RecordedCall call) {
        try {
            return LabelSelector.parse(call.queryParameter("labelSelector"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(Status.badRequest(e.getMessage()));
        }
    }

    static FieldSelector fieldSelector(RecordedCall call) {
        try {
            return FieldSelector.parse(call.queryParameter("fieldSelector"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(Status.badRequest(e.getMessage()));
        }
    }

    /** @return the parameter's value, 0 when absent */
    static int intParam(RecordedCall call, String name) {
        String value = call.queryParameter(name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiError(Status.badRequest("invalid " + name + ": " + value));
        }
    }

    /** kube's default field manager: the User-Agent up to its first {@code /}. */
    static String manager(RecordedCall call) {
        String explicit = call.queryParameter("fieldManager");
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        String agent = call.header("User-Agent");
        if (agent == null || agent.isEmpty()) {
            return "unknown";
        }
        String prefix = agent.split("/")[0];
        return prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
    }

    static boolean webSocket(RecordedCall call) {
        String upgrade = call.header("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }
}

package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** JSON merge patch, RFC 7386: {@code null} removes a member, arrays and scalars replace, objects merge. */
public final class MergePatch {

    private MergePatch() {
    }

    /** @return {@code target} with {@code patch} applied; neither argument is changed */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                out.remove(member.getKey());
            } else {
                out.set(member.getKey(), apply(out.get(member.getKey()), member.getValue()));
            }
        }
        return out;
    }
}

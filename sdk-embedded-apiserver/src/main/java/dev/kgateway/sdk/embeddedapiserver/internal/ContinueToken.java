package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A list's continue token: the resourceVersion of the list's first page and the storage key of the
 * last item returned (the next page starts after it), as opaque URL-safe base64 JSON.
 */
record ContinueToken(long resourceVersion, String after) {

    String encode() {
        ObjectNode node = Json.object();
        node.put("rv", resourceVersion);
        node.put("start", after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiError 400 when the token is not one this server handed out */
    static ContinueToken decode(String token) {
        try {
            JsonNode node = Json.read(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (!node.path("rv").canConvertToLong() || !node.path("start").isString()) {
                throw new IllegalArgumentException("members missing");
            }
            return new ContinueToken(node.path("rv").asLong(), node.path("start").asString());
        } catch (RuntimeException e) {
            throw new ApiError(Status.badRequest("continue key is not valid: " + e.getMessage()));
        }
    }
}

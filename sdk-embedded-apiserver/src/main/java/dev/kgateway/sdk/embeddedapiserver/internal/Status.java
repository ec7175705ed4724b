package dev.kgateway.sdk.embeddedapiserver.internal;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** kube-apiserver's {@code Status} answers (metav1.Status), as JSON. */
public final class Status {

    /** One entry of {@code details.causes}. */
    public record Cause(String reason, String message, String field) {
    }

    private Status() {
    }

    public static ObjectNode body(int code, String reason, String message, ObjectNode details) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.set("metadata", Json.object());
        status.put("status", code < 400 ? "Success" : "Failure");
        status.put("message", message);
        status.put("reason", reason);
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
        return status;
    }

    public static ObjectNode details(String name, String group, String kind, List<Cause> causes) {
        ObjectNode details = Json.object();
        if (name != null) {
            details.put("name", name);
        }
        if (group != null && !group.isEmpty()) {
            details.put("group", group);
        }
        if (kind != null) {
            details.put("kind", kind);
        }
        if (causes != null && !causes.isEmpty()) {
            ArrayNode array = details.putArray("causes");
            for (Cause c : causes) {
                ObjectNode cause = array.addObject();
                cause.put("reason", c.reason());
                cause.put("message", c.message());
                if (c.field() != null) {
                    cause.put("field", c.field());
                }
            }
        }
        return details;
    }

    public static MockResponse response(int code, String reason, String message, ObjectNode details) {
        return json(code, Json.write(body(code, reason, message, details)));
    }

    public static MockResponse response(int code, String reason, String message) {
        return response(code, reason, message, null);
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** The {@code resource} part of messages: {@code backends.gateway.kgateway.dev}, or {@code namespaces} for the core group. */
    public static String qualified(String plural, String group) {
        return group == null || group.isEmpty() ? plural : plural + "." + group;
    }

    public static MockResponse notFound(String plural, String group, String name) {
        return response(404, "NotFound", qualified(plural, group) + " \"" + name + "\" not found",
                details(name, group, plural, null));
    }

    public static MockResponse badRequest(String message) {
        return response(400, "BadRequest", message);
    }

    public static MockResponse methodNotAllowed() {
        return response(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }
}

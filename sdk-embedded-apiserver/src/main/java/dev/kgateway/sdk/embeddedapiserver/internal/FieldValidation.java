package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube-apiserver's {@code fieldValidation} of a create or update: duplicate members in the JSON body
 * and members the CRD's schema prunes (what admission dropped from the object it was given). {@code Strict}
 * refuses them with 400 {@code BadRequest} ({@code <Kind> in version "<v>" cannot be handled as a <Kind>:
 * strict decoding error: unknown field "spec.foo"}); {@code Warn}, the default, answers each in a
 * {@code Warning: 299 - "unknown field \"spec.foo\""} header; {@code Ignore} says nothing.
 */
final class FieldValidation {

    private final String directive;
    private final List<String> problems = new ArrayList<>();

    private FieldValidation(String directive) {
        this.directive = directive;
    }

    /** Reads the call's directive and notes the body's duplicate members. */
    static FieldValidation of(RecordedCall call, String body) {
        String directive = call.queryParameter("fieldValidation");
        FieldValidation v = new FieldValidation(directive == null || directive.isEmpty() ? "Warn" : directive);
        if (!v.directive.equals("Ignore")) {
            for (String path : duplicates(body)) {
                v.problems.add("duplicate field \"" + path + "\"");
            }
        }
        return v;
    }

    /** Notes the members of {@code sent} that {@code admitted} lacks: the ones pruning dropped. */
    void pruned(JsonNode sent, JsonNode admitted) {
        if (!directive.equals("Ignore")) {
            missing(sent, admitted, "", problems);
        }
    }

    /** @throws ApiError 400 when the directive is Strict and there is something to report */
    void check(Target t) {
        if (directive.equals("Strict") && !problems.isEmpty()) {
            String kind = t.type().kind();
            throw new ApiError(Status.badRequest(kind + " in version \"" + t.version() + "\" cannot be handled as a " + kind
                    + ": strict decoding error: " + String.join(", ", problems)));
        }
    }

    /** @return {@code response} with a Warning header per problem (Warn) */
    MockResponse warn(MockResponse response) {
        if (directive.equals("Warn")) {
            for (String p : problems) {
                response.addHeader("Warning", "299 - \"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
        }
        return response;
    }

    private static void missing(JsonNode sent, JsonNode admitted, String path, List<String> out) {
        if (sent instanceof ObjectNode o && admitted != null && admitted.isObject()) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (!admitted.has(e.getKey())) {
                    out.add("unknown field \"" + at + "\"");
                } else {
                    missing(e.getValue(), admitted.get(e.getKey()), at, out);
                }
            }
        } else if (sent != null && sent.isArray() && admitted != null && admitted.isArray() && sent.size() == admitted.size()) {
            for (int i = 0; i < sent.size(); i++) {
                missing(sent.get(i), admitted.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** @return the paths of members that appear twice in their object, as kube names them ({@code spec.type}, {@code spec.hosts[0].port}) */
    static List<String> duplicates(String json) {
        List<String> found = new ArrayList<>();
        Deque<Set<String>> names = new ArrayDeque<>();
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>(); // per open container: -1 for an object, else the next array index
        String member = null;
        try (JsonParser p = Json.MAPPER.createParser(json)) {
            for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                switch (token) {
                    case PROPERTY_NAME -> {
                        member = p.currentName();
                        String at = paths.peek().isEmpty() ? member : paths.peek() + "." + member;
                        if (!names.peek().add(member)) {
                            found.add(at);
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String at = childPath(paths, indexes, member);
                        paths.push(at);
                        names.push(new HashSet<>());
                        indexes.push(new int[] {token == JsonToken.START_OBJECT ? -1 : 0});
                    }
                    case END_OBJECT, END_ARRAY -> {
                        paths.pop();
                        names.pop();
                        indexes.pop();
                    }
                    default -> childPath(paths, indexes, member);
                }
            }
        } catch (JacksonException e) {
            return found; // the body's syntax is reported elsewhere
        }
        return found;
    }

    /** @return the path of the value that starts now (and moves an array's index on) */
    private static String childPath(Deque<String> paths, Deque<int[]> indexes, String member) {
        if (paths.isEmpty()) {
            return "";
        }
        int[] index = indexes.peek();
        if (index[0] >= 0) {
            return paths.peek() + "[" + index[0]++ + "]";
        }
        return paths.peek().isEmpty() ? member : paths.peek() + "." + member;
    }
}

package dev.kgateway.sdk.benchmarks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks that the sides of a benchmark read and write the same documents. */
final class Documents {

    private Documents() {
    }

    /**
     * Whether two JSON documents hold the same members, member order aside and empty arrays
     * dropped: stock jsonschema2pojo initializes every array property to an empty list and writes
     * it ({@code "finalizers": []}), which the API server would treat as absent too.
     */
    static boolean same(byte[] a, byte[] b) {
        return normalize(Codecs.PLAIN.readTree(a)).equals(normalize(Codecs.PLAIN.readTree(b)));
    }

    private static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String name : object.propertyNames().stream().toList()) {
                JsonNode child = object.get(name);
                if (child.isArray() && child.isEmpty()) {
                    object.remove(name);
                } else {
                    normalize(child);
                }
            }
        } else if (node.isArray()) {
            node.forEach(Documents::normalize);
        }
        return node;
    }
}

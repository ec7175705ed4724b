package dev.kgateway.sdk.embeddedapiserver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A write the embedded API server is about to store.
 *
 * @param operation   {@code CREATE} or {@code UPDATE} (updates, patches and applies to existing objects)
 * @param group       API group of the object ({@code gateway.kgateway.dev})
 * @param kind        its kind ({@code Backend})
 * @param subresource {@code status} for writes to the status subresource, otherwise {@code null}
 * @param oldObject   the stored object, {@code null} on create
 * @param object      the object to store (a copy the admission may change and return)
 * @param crd         the CustomResourceDefinition of the kind, as installed
 */
public record AdmissionRequest(String operation, String group, String kind, String subresource, JsonNode oldObject,
                               ObjectNode object, JsonNode crd) {
}

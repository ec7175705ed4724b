package dev.kgateway.sdk.embeddedapiserver.internal;

import tools.jackson.databind.node.ObjectNode;

/**
 * A change as the event history keeps it and watches are sent it: the resourceVersion it was made
 * at, {@code ADDED}, {@code MODIFIED} or {@code DELETED}, and the object after and before it (each
 * watch decides from both whether it sees the change, and as what).
 */
record Event(long resourceVersion, String type, ResourceType resourceType, ObjectNode object, ObjectNode previous) {
}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;

/**
 * A watch event the SDK could not read as a Backend (a member of the wrong type, say, written by a
 * newer or broken controller). The watch skips it, goes on from the event's resourceVersion, and
 * tells the listener through {@link BackendWatchListener#onError(KgatewayException)}. The message
 * names the event's type, the Backend and the JSON path of the problem, never the values in it.
 *
 * <pre>{@code
 * public void onError(KgatewayException error) {
 *     if (error instanceof UndecodableEventException u) {
 *         log.warn("skipped {} of Backend {}/{}: {}", u.getEventType(), u.getNamespace(), u.getName(), u.getReason());
 *     }
 * }
 * }</pre>
 */
public class UndecodableEventException extends KgatewayException {
    private static final long serialVersionUID = 1L;

    private final String eventType;
    private final String namespace;
    private final String name;
    private final String resourceVersion;
    private final String reason;

    /**
     * @param eventType       the event's {@code type} ({@code ADDED}, {@code MODIFIED}, ...), or empty when unreadable
     * @param namespace       the Backend's namespace, or empty when unreadable
     * @param name            the Backend's name, or empty when unreadable
     * @param resourceVersion the event's resourceVersion, or empty when unreadable
     * @param reason          why it could not be read: the error's kind and JSON path, no values
     * @param cause           the decoding failure
     */
    public UndecodableEventException(String eventType, String namespace, String name, String resourceVersion, String reason,
                                     Throwable cause) {
        super("skipped an undecodable watch event " + eventType + " of Backend '" + name + "' in namespace '" + namespace
                + "' at resourceVersion " + resourceVersion + ": " + reason, cause);
        this.eventType = eventType;
        this.namespace = namespace;
        this.name = name;
        this.resourceVersion = resourceVersion;
        this.reason = reason;
    }

    /** @return the event's type ({@code ADDED}, {@code MODIFIED}, {@code DELETED}, ...), or empty */
    public String getEventType() {
        return eventType;
    }

    /** @return the Backend's namespace, or empty */
    public String getNamespace() {
        return namespace;
    }

    /** @return the Backend's name, or empty */
    public String getName() {
        return name;
    }

    /** @return the event's resourceVersion, from which the watch went on; empty when unreadable */
    public String getResourceVersion() {
        return resourceVersion;
    }

    /** @return why the event could not be read: the kind of error and the JSON path, without values */
    public String getReason() {
        return reason;
    }
}

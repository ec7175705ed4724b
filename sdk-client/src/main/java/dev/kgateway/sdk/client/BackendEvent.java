package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;

import java.util.Objects;

/**
 * One change seen by a watch.
 *
 * <pre>{@code
 * ai.watch(event -> {
 *     if (event.type() == BackendEvent.Type.DELETED) cache.remove(event.backend().getMetadata().getName());
 * });
 * }</pre>
 *
 * @param type        what happened
 * @param backend     the Backend after the change (for {@code DELETED}, its last state; for a
 *                    {@code DELETED} derived from a re-list, only the metadata the watch kept:
 *                    name, namespace, uid and resourceVersion)
 * @param fromRelist  {@code true} when the event was derived from a re-list after the server
 *                    expired the watch (HTTP 410), not received from the server as such
 */
public record BackendEvent(Type type, Backend backend, boolean fromRelist) {

    /** Checks the fields. */
    public BackendEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(backend, "backend");
    }

    /** What happened to the Backend. */
    public enum Type {
        /** It was created (or first seen after a re-list; also after a re-list found it deleted and created again). */
        ADDED,
        /** It changed. */
        MODIFIED,
        /** It was deleted. */
        DELETED
    }
}

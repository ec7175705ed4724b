package dev.kgateway.sdk.model;

import dev.kgateway.sdk.KgatewayException;

import javax.annotation.Nullable;

/**
 * A document could not be read as Backends: it is not well-formed JSON/YAML, or a member has the
 * wrong JSON type (a string where a number belongs). Schema-rule violations never cause it; they are
 * reported by {@link Backend#validate()}.
 *
 * <p>The message names where reading stopped ({@link #getPath()}, and the line and column when
 * known) but never quotes the document's content, which may hold secrets.
 */
public class BackendReadException extends KgatewayException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param message what went wrong and where
     * @param path    JSON path where reading failed ({@code spec.static.hosts[0].port}), or {@code ""}
     */
    public BackendReadException(String message, @Nullable String path) {
        super(message);
        this.path = path == null ? "" : path;
    }

    /** @return JSON path where reading failed, {@code ""} at the document root or when unknown */
    public String getPath() {
        return path;
    }
}

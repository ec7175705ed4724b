package dev.kgateway.sdk.model;

import java.util.Collection;
import java.util.Map;

/**
 * Builds the {@code toString()} of generated types: set members only, and for members whose
 * contents the schema does not describe (unknown members, free-form maps such as
 * {@code metadata.annotations}), their names only: they may hold secrets such as an inline API key,
 * also inside kubectl's last-applied-configuration annotation.
 */
final class ModelToString {

    private final StringBuilder out;
    private boolean first = true;

    ModelToString(String typeName) {
        out = new StringBuilder(typeName).append('{');
    }

    ModelToString add(String name, Object value) {
        if (value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
            return this;
        }
        separator().append(name).append('=').append(value);
        return this;
    }

    ModelToString names(String name, Map<String, ?> members) {
        if (!members.isEmpty()) {
            separator().append(name).append('=').append(members.keySet());
        }
        return this;
    }

    /** A secret value ({@code format: password} in the schema): only that it is set. */
    ModelToString secret(String name, Object value) {
        if (value != null) {
            separator().append(name).append("=<redacted>");
        }
        return this;
    }

    private StringBuilder separator() {
        if (!first) {
            out.append(", ");
        }
        first = false;
        return out;
    }

    @Override
    public String toString() {
        return out.toString() + '}';
    }
}

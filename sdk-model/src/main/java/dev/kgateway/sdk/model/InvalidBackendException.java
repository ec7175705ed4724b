package dev.kgateway.sdk.model;

import dev.kgateway.sdk.KgatewayException;

import java.util.List;

/**
 * A Backend breaks rules of its schema. Thrown by {@link Backend#validateOrThrow()} before anything
 * is sent, and by the client when the API server rejects a write as invalid (HTTP 422).
 *
 * <pre>{@code
 * try {
 *     backend.validateOrThrow();
 * } catch (InvalidBackendException e) {
 *     e.getViolations().forEach(v -> System.err.println(v.path() + " " + v.rule()));
 * }
 * }</pre>
 */
public class InvalidBackendException extends KgatewayException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** @param violations every violation found; at least one */
    public InvalidBackendException(List<Violation> violations) {
        this(message(violations), violations);
    }

    /**
     * @param message    the whole message
     * @param violations every violation found (may be empty when the server gave no details)
     */
    public InvalidBackendException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    /** @return every violation, in the order they were found */
    public List<Violation> getViolations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        StringBuilder out = new StringBuilder("Backend is invalid (" + violations.size() + " violation"
                + (violations.size() == 1 ? "" : "s") + "):");
        for (Violation v : violations) {
            out.append("\n  - ").append(v);
        }
        return out.toString();
    }
}

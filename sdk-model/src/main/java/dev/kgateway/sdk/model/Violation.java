package dev.kgateway.sdk.model;

import java.util.Objects;

import javax.annotation.Nullable;

/**
 * One broken schema rule: where ({@link #path()}, a JSON path such as
 * {@code spec.static.hosts[0].port}), which rule ({@link #rule()}, the JSON Schema keyword such as
 * {@code maximum}, or {@code union} for a discriminated union), a message, and the offending value.
 *
 * <pre>{@code
 * backend.validate().forEach(v -> System.err.println(v)); // spec.static.hosts[0].port: maximum: must be <= 65535 (was 70000)
 * }</pre>
 *
 * @param path    JSON path of the offending member, relative to the Backend ({@code metadata.name})
 * @param rule    the schema keyword that failed ({@code required}, {@code pattern}, {@code union}, ...)
 * @param message what the rule demands, in words
 * @param value    the offending value as text (shortened when long), or {@code null} when absent
 * @param severity {@link Severity#ERROR} for what the API server (or the schema) refuses;
 *                 {@link Severity#UNUSABLE} for what the API server accepts but kgateway cannot use
 *                 (a release validator's finding beyond its CRD, such as a port above 65535)
 */
public record Violation(String path, String rule, String message, @Nullable String value, Severity severity) {

    /**
     * How bad a violation is.
     * <pre>{@code
     * List<Violation> refused = violations.stream().filter(v -> v.severity() == Violation.Severity.ERROR).toList();
     * }</pre>
     */
    public enum Severity {
        /** The API server, or the schema {@code validate()} checks, refuses it. */
        ERROR,
        /** The API server accepts it (its CRD sets no such rule), but kgateway cannot use it. */
        UNUSABLE
    }

    /** A violation of severity {@link Severity#ERROR}. */
    public Violation(String path, String rule, String message, @Nullable String value) {
        this(path, rule, message, value, Severity.ERROR);
    }

    private static final int MAX_VALUE_LENGTH = 80;

    /** Builds a violation; long values are shortened. */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            value = value.substring(0, MAX_VALUE_LENGTH) + "... (" + value.length() + " chars)";
        }
    }

    @Override
    public String toString() {
        return path + ": " + rule + ": " + (severity == Severity.UNUSABLE ? "the API server accepts this, kgateway cannot use it: " : "")
                + message + (value == null ? "" : " (was \"" + value + "\")");
    }
}

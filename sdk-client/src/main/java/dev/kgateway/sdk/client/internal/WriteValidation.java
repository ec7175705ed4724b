package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the client checks before a write: what the write would make wrong, not what was already
 * there.
 * <ul>
 *   <li>create: every rule (but {@code metadata.name: required} when {@code metadata.generateName}
 *       asks the server for a name);</li>
 *   <li>server-side apply: the members the apply configuration sends, without {@code required}
 *       (an apply configuration is partial by design: the server merges it);</li>
 *   <li>update, edit: only violations the change introduces, by path and rule, compared with the
 *       stored Backend (read only when the new one breaks a rule);</li>
 *   <li>status updates and status edits: the same, for violations under {@code status}, always
 *       against the SDK's schema (a CRD validator skips {@code status}: it is a subresource).</li>
 * </ul>
 * Against a CRD ({@link WriteRules}), members the server would prune are violations too
 * ({@code FieldValuePruned}): a write never loses a member silently. An update compares with
 * {@code validateUpdate(after, stored)} once the stored Backend is at hand (always for edits; for
 * updates only when {@code after} breaks a rule on its own, so transition rules of an otherwise
 * valid update are left to the server).
 */
public final class WriteValidation {

    /** Checks nothing. */
    public static final WriteValidation OFF = new WriteValidation(null);

    private static final String STATUS = "status";
    /** The SDK's and the CRD validator's names for a missing required member. */
    private static final Set<String> REQUIRED = Set.of("required", "FieldValueRequired");

    /** {@code null}: off */
    private final WriteRules rules;

    public WriteValidation(WriteRules rules) {
        this.rules = rules;
    }

    void forCreate(Backend backend) {
        if (rules == null) {
            return;
        }
        boolean generated = backend.getMetadata() != null && backend.getMetadata().getName() == null
                && backend.getMetadata().getGenerateName() != null;
        throwIfAny(rules.validate(backend).stream()
                .filter(v -> !(generated && v.path().equals("metadata.name") && REQUIRED.contains(v.rule())))
                .toList());
    }

    void forApply(Backend backend) {
        if (rules == null) {
            return;
        }
        throwIfAny(rules.validate(backend).stream().filter(v -> !REQUIRED.contains(v.rule())).toList());
    }

    /** @param before the stored Backend, asked for only when {@code after} breaks a rule; empty when there is none */
    void forReplace(Backend after, Supplier<Optional<Backend>> before) {
        if (rules != null) {
            introduced(rules, after, before, v -> !isStatus(v));
        }
    }

    /** @param before the stored Backend, asked for only when {@code after}'s status breaks a rule */
    void forStatus(Backend after, Supplier<Optional<Backend>> before) {
        if (rules != null) {
            introduced(WriteRules.SDK_SCHEMA, after, before, WriteValidation::isStatus);
        }
    }

    /** @param before the stored Backend, known already (an edit): transition rules are checked too */
    void forReplace(Backend after, Backend before) {
        if (rules != null) {
            compare(rules, after, before, v -> !isStatus(v));
        }
    }

    /** @param before the stored Backend, known already (a status edit) */
    void forStatus(Backend after, Backend before) {
        if (rules != null) {
            compare(WriteRules.SDK_SCHEMA, after, before, WriteValidation::isStatus);
        }
    }

    private static void introduced(WriteRules rules, Backend after, Supplier<Optional<Backend>> before, Predicate<Violation> scope) {
        if (rules.validate(after).stream().noneMatch(scope)) {
            return;
        }
        Optional<Backend> stored = before.get();
        if (stored.isEmpty()) {
            throwIfAny(rules.validate(after).stream().filter(scope).toList());
        } else {
            compare(rules, after, stored.get(), scope);
        }
    }

    /** Throws the violations of {@code after} (as an update of {@code before}) that {@code before} did not have already. */
    private static void compare(WriteRules rules, Backend after, Backend before, Predicate<Violation> scope) {
        List<Violation> broken = rules.validateUpdate(after, before).stream().filter(scope).toList();
        if (broken.isEmpty()) {
            return;
        }
        Set<String> already = new HashSet<>();
        rules.validate(before).forEach(v -> already.add(key(v)));
        throwIfAny(broken.stream().filter(v -> !already.contains(key(v))).toList());
    }

    @Override
    public String toString() {
        return rules == null ? "no validation" : String.valueOf(rules);
    }

    private static boolean isStatus(Violation v) {
        return v.path().equals(STATUS) || v.path().startsWith(STATUS + ".");
    }

    private static String key(Violation v) {
        return v.path() + "\u0000" + v.rule();
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidBackendException(violations);
        }
    }
}

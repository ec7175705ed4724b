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
 *   <li>status updates and status edits: the same, for violations under {@code status}.</li>
 * </ul>
 */
final class WriteValidation {

    private static final String STATUS = "status";

    private WriteValidation() {
    }

    static void forCreate(Backend backend) {
        boolean generated = backend.getMetadata() != null && backend.getMetadata().getName() == null
                && backend.getMetadata().getGenerateName() != null;
        throwIfAny(backend.validate().stream()
                .filter(v -> !(generated && v.path().equals("metadata.name") && v.rule().equals("required")))
                .toList());
    }

    static void forApply(Backend backend) {
        throwIfAny(backend.validate().stream().filter(v -> !v.rule().equals("required")).toList());
    }

    /** @param before the stored Backend, asked for only when {@code after} breaks a rule; empty when there is none */
    static void forReplace(Backend after, Supplier<Optional<Backend>> before) {
        introduced(after, before, v -> !isStatus(v));
    }

    /** @param before the stored Backend, asked for only when {@code after}'s status breaks a rule */
    static void forStatus(Backend after, Supplier<Optional<Backend>> before) {
        introduced(after, before, WriteValidation::isStatus);
    }

    private static void introduced(Backend after, Supplier<Optional<Backend>> before, Predicate<Violation> scope) {
        List<Violation> broken = after.validate().stream().filter(scope).toList();
        if (broken.isEmpty()) {
            return;
        }
        Set<String> already = new HashSet<>();
        before.get().ifPresent(b -> b.validate().forEach(v -> already.add(key(v))));
        throwIfAny(broken.stream().filter(v -> !already.contains(key(v))).toList());
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

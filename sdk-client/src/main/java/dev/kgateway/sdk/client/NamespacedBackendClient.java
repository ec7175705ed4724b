package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Backends of one namespace. Every method returns the server's copy of the Backend; the objects you
 * pass are never modified. Writes validate the Backend first (see
 * {@link KgatewayClient.Builder#validateBeforeWrite(boolean)}), so an invalid one never reaches the
 * server.
 *
 * <pre>{@code
 * NamespacedBackendClient ai = kgw.backends().inNamespace("ai");
 * Backend created = ai.create(backend);
 * Backend edited = ai.edit("openai", b -> b.withMetadata(b.getMetadata().toBuilder().putLabels("tier", "gold").build()));
 * boolean deleted = ai.delete("openai");
 * }</pre>
 */
public interface NamespacedBackendClient extends BackendCollectionClient {

    /** @return the namespace this client works in */
    String namespace();

    /**
     * Creates a Backend. Its namespace, when set, must be this client's.
     *
     * @return the created Backend as the server stored it (resourceVersion, uid, ...)
     * @throws InvalidBackendException       when it breaks a schema rule (checked before sending) or the server rejects it
     * @throws BackendAlreadyExistsException when one with that name exists
     */
    Backend create(Backend backend);

    /** @return the Backend, or empty when there is none with that name */
    Optional<Backend> get(String name);

    /**
     * @return the Backend
     * @throws BackendNotFoundException when there is none with that name
     */
    Backend require(String name);

    /**
     * Replaces a Backend. With a resourceVersion (as read from the server) the update is optimistic:
     * it fails when the Backend changed meanwhile. Without one it overwrites whatever is there.
     *
     * @return the updated Backend
     * @throws BackendConflictException when the resourceVersion is stale
     * @throws BackendNotFoundException when the Backend does not exist
     */
    Backend update(Backend backend);

    /**
     * Reads the Backend, applies {@code change} and updates it; on a conflict reads again and
     * re-applies {@code change}, with backoff, up to the client's retry limit. {@code change} may
     * therefore run more than once and must not have side effects.
     *
     * @return the updated Backend
     * @throws BackendNotFoundException when the Backend does not exist
     * @throws BackendConflictException when it still conflicts after the last attempt
     */
    Backend edit(String name, UnaryOperator<Backend> change);

    /**
     * Applies a JSON merge patch (RFC 7386), such as {@code {"metadata":{"labels":{"tier":"gold"}}}}.
     * The server validates the result.
     *
     * @return the patched Backend
     * @throws BackendNotFoundException when the Backend does not exist
     */
    Backend patch(String name, String mergePatchJson);

    /** Server-side apply with the client's default {@link ApplyOptions}. @return the Backend after the apply */
    Backend apply(Backend backend);

    /**
     * Server-side apply: creates the Backend or merges the fields it sets, owned by
     * {@code options.fieldManager()}.
     *
     * @return the Backend after the apply
     */
    Backend apply(Backend backend, ApplyOptions options);

    /**
     * Replaces the status subresource with {@code backend.getStatus()}; the spec is not changed.
     *
     * @return the Backend with its new status
     * @throws BackendConflictException when the resourceVersion is stale
     */
    Backend updateStatus(Backend backend);

    /** @return {@code true} when the Backend existed and is now being deleted, {@code false} when there was none */
    boolean delete(String name);

    /**
     * Waits until the Backend exists and satisfies {@code condition}, watching it. The watch ends
     * with the wait, however it ends; closing the client ends a wait in progress.
     *
     * @return the first version of the Backend that satisfied it
     * @throws BackendWaitTimeoutException when {@code timeout} passes first
     * @throws dev.kgateway.sdk.KgatewayException when the thread is interrupted (its interrupt flag stays set),
     *                                            the client is closed, or the server refuses the watch
     */
    Backend waitUntil(String name, Predicate<Backend> condition, Duration timeout);
}

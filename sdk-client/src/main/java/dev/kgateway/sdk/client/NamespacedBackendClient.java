package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Backends of one namespace. Every method returns the server's copy of the Backend; the objects you
 * pass are never modified. Names and the namespace must be valid Kubernetes names (a DNS-1123
 * subdomain, a DNS-1123 label): anything else is refused with {@link IllegalArgumentException}
 * before any request.
 *
 * <p>Writes validate the Backend first, against the SDK's schema or a Backend CRD (see
 * {@link KgatewayClient.Builder#crdValidation(CrdValidation)}; a member the CRD would prune is a violation)
 * and refuse what the write would make wrong, not what was already there: {@code create} checks
 * every rule; {@code apply} checks the members it sends, without {@code required} (an apply
 * configuration is partial); {@code update}, {@code edit}, {@code updateStatus} and
 * {@code editStatus} refuse only violations (by path and rule) that the stored Backend does not
 * have already, so a Backend stored by an older or newer kgateway can still be relabelled.
 *
 * <p>Writes whose answer is lost after the server may have committed them (a 500 or 504, a dropped
 * connection) are checked by reading the Backend before they are repeated: an update that landed
 * is returned as it is (no spurious conflict, no second run of an {@code edit}'s change), and a
 * delete that landed returns {@code true}.
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
     * Creates a Backend. Its namespace, when set, must be this client's. With
     * {@code metadata.generateName} and no name, the server picks the name:
     * {@code ai.create(b.withMetadata(ObjectMeta.builder().generateName("llm-").build()))}.
     * Never retried (a create is never sent twice).
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
     * it fails when the Backend changed meanwhile. Without one it overwrites the stored Backend: the
     * client reads the current resourceVersion and sends it (the API server refuses updates of
     * custom resources without one), again on a conflict, up to the retry policy's conflict limit. It
     * keeps what other writers added that the caller could not know of: stored annotations it does not
     * set, and the stored finalizers and ownerReferences when it sets none (to remove those, update the
     * Backend {@code get} returned, with its resourceVersion, or use {@link #edit}).
     *
     * <p>When the answer is lost (a dropped connection, a 500 or 504 that may follow a commit), the
     * client reads the Backend: still at the version sent, the update is sent again; at another
     * version, the server is asked in a dry run what this update would store now, and when that is
     * what is stored (the CRD's defaults and any webhook's changes included) the stored Backend is
     * returned; otherwise it is a {@link BackendConflictException}. Finalizers, ownerReferences and
     * every other member count, not only the spec.
     *
     * @return the updated Backend
     * @throws BackendConflictException when the resourceVersion is stale
     * @throws BackendNotFoundException when the Backend does not exist
     */
    Backend update(Backend backend);

    /**
     * Reads the Backend, applies {@code change} and updates it; on a conflict reads again and
     * re-applies {@code change}, with backoff, up to the client's retry limit. {@code change} may
     * therefore run more than once and must not have side effects. When {@code change} returns the
     * Backend unchanged, nothing is sent and the stored Backend is returned: no new resourceVersion,
     * no watch event, so a reconcile loop driven by an informer settles.
     *
     * <p>What is guaranteed when the answer to the write is lost after it reached the server: a change
     * is never applied twice and never reported as done when it is not. The client reads the Backend:
     * still at the version it read, the write did not land and is sent again (the server accepts a
     * write of that version once only); the edit changed the spec and the generation is still the one
     * read, it did not land and the edit starts over; otherwise nothing the server keeps tells whose
     * change the new version holds, and the edit throws {@link BackendWriteOutcomeUnknownException}:
     * read the Backend and decide, as with client-go's error in the same case.
     *
     * <pre>{@code
     * Backend gold = ai.edit("openai", b -> b.editMetadata(m -> m.putLabels("tier", "gold")));
     * }</pre>
     *
     * @return the updated Backend, or the stored one when {@code change} changed nothing
     * @throws BackendNotFoundException when the Backend does not exist
     * @throws BackendConflictException when it still conflicts after the last attempt
     * @throws BackendWriteOutcomeUnknownException when the answer was lost and the outcome cannot be known
     */
    Backend edit(String name, UnaryOperator<Backend> change);

    /**
     * Applies a JSON merge patch (RFC 7386), such as {@code {"metadata":{"labels":{"tier":"gold"}}}}.
     * The server validates the result. One request (no read first); a patch that is not a JSON
     * object is refused with {@link IllegalArgumentException} before any request.
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

    /**
     * Reads the Backend, applies {@code change} to it and replaces its status subresource with the
     * result's status; on a conflict reads again and re-applies {@code change}, with backoff, up to
     * the client's retry limit. {@code change} may run more than once and must not have side effects.
     *
     * <pre>{@code
     * ai.updateStatus("openai", b -> b.withStatus(readyStatus));
     * }</pre>
     *
     * @return the Backend with its new status
     * @throws BackendNotFoundException when the Backend does not exist
     * @throws BackendConflictException when it still conflicts after the last attempt
     */
    Backend updateStatus(String name, UnaryOperator<Backend> change);

    /**
     * The old name of {@link #updateStatus(String, UnaryOperator)}, which reads and writes the
     * server; {@code Backend.editStatus(..)} changes a copy in memory only.
     *
     * @return the Backend with its new status
     * @deprecated use {@link #updateStatus(String, UnaryOperator)}
     */
    @Deprecated
    default Backend editStatus(String name, UnaryOperator<Backend> change) {
        return updateStatus(name, change);
    }

    /** @return {@code true} when the Backend existed and is now being deleted, {@code false} when there was none */
    boolean delete(String name);

    /**
     * Deletes a Backend with preconditions, a propagation policy or a grace period. When the answer
     * is lost, the client reads the Backend: gone or being deleted means done; otherwise the delete is
     * sent again with a uid precondition naming the Backend it just read, so it never deletes one
     * created again under the same name meanwhile.
     *
     * <pre>{@code
     * ai.delete("openai", DeleteOptions.ifUnchanged(seen));
     * }</pre>
     *
     * @return {@code true} when the Backend existed and is now being deleted, {@code false} when there was none
     * @throws BackendConflictException when a precondition (uid, resourceVersion) does not hold
     */
    boolean delete(String name, DeleteOptions options);

    /**
     * Deletes every Backend of this namespace that {@code selection} selects, in one request
     * ({@code deletecollection}). A selection without label requirements is refused: use explicit
     * names to delete everything.
     *
     * <pre>{@code
     * int gone = ai.deleteAll(BackendSelector.withLabel("team", "search"));
     * }</pre>
     *
     * @return how many Backends the server deleted (or, in a dry run, would delete)
     */
    int deleteAll(BackendSelector selection);

    /**
     * Deletes what {@code options.selector()} selects; the options' page size, decoding and transform
     * mean nothing to a delete.
     *
     * @return how many Backends the server deleted (or, in a dry run, would delete)
     * @deprecated use {@link #deleteAll(BackendSelector)}
     */
    @Deprecated
    default int deleteAll(ListOptions options) {
        return deleteAll(options.selector());
    }

    /**
     * A view of this client whose writes (create, update, edit, patch, apply, status writes,
     * deletes) are dry runs: the server validates, admits and answers them ({@code dryRun=All}) but
     * stores nothing. Reads are unchanged.
     *
     * <pre>{@code
     * Backend wouldBe = ai.dryRun().create(backend);  // the server's defaults and checks, nothing stored
     * }</pre>
     *
     * @return the dry-run view
     */
    NamespacedBackendClient dryRun();

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

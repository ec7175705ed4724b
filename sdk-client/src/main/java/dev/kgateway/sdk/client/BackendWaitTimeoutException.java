package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.model.Backend;

import java.time.Duration;
import java.util.Optional;

/**
 * {@link NamespacedBackendClient#waitUntil} gave up: the Backend did not satisfy the condition (or
 * did not exist) within the timeout. Nothing failed on the server; the wait stopped its watch.
 *
 * <pre>{@code
 * try {
 *     ai.waitUntil("openai", b -> b.getStatus() != null, Duration.ofSeconds(30));
 * } catch (BackendWaitTimeoutException e) {
 *     log.warn("{} not ready after {}; last seen: {}", e.getName(), e.getTimeout(), e.getLastSeen().isPresent());
 * }
 * }</pre>
 */
public class BackendWaitTimeoutException extends KgatewayException {
    private static final long serialVersionUID = 1L;

    private final String namespace;
    private final String name;
    private final Duration timeout;
    private final transient Backend lastSeen;

    /**
     * @param namespace the Backend's namespace
     * @param name      the Backend's name
     * @param timeout   how long the wait lasted
     * @param lastSeen  the last version of the Backend the wait saw, or {@code null} when it never existed meanwhile
     */
    public BackendWaitTimeoutException(String namespace, String name, Duration timeout, Backend lastSeen) {
        super("timed out after " + timeout.toMillis() + " ms waiting for Backend '" + name + "' in namespace '" + namespace + "' "
                + (lastSeen == null ? "to exist" : "to satisfy the condition (it exists at resourceVersion "
                + (lastSeen.getMetadata() == null ? "" : lastSeen.getMetadata().getResourceVersion()) + ")"));
        this.namespace = namespace;
        this.name = name;
        this.timeout = timeout;
        this.lastSeen = lastSeen;
    }

    /** @return the Backend's namespace */
    public String getNamespace() {
        return namespace;
    }

    /** @return the Backend's name */
    public String getName() {
        return name;
    }

    /** @return how long the wait lasted */
    public Duration getTimeout() {
        return timeout;
    }

    /** @return the last version of the Backend the wait saw (which did not satisfy the condition), or empty when it did not exist */
    public Optional<Backend> getLastSeen() {
        return Optional.ofNullable(lastSeen);
    }
}

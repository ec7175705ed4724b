package dev.kgateway.sdk.client;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the API server said about a failed request, and which Backend it was about: the HTTP status
 * code, the {@code Status} reason and message, the namespace and the name. One value, exposed as
 * {@code details()} by both {@link KgatewayApiException} (and its subclasses) and
 * {@link BackendRejectedException}, as AWS SDK exceptions expose {@code awsErrorDetails()}.
 * Strings are never {@code null}: absent means empty.
 *
 * <pre>{@code
 * catch (KgatewayApiException e) {
 *     ApiErrorDetails d = e.details();
 *     if (d.code() == 429) { ... back off ... }
 *     log.warn("{}/{}: {} {}", d.namespace(), d.name(), d.reason(), d.serverMessage());
 * }
 * }</pre>
 *
 * @param code          the HTTP status code, 0 when no response was received
 * @param reason        the machine-readable reason of the server's Status ({@code NotFound}, {@code Conflict},
 *                      {@code Invalid}, ...), or empty
 * @param serverMessage the server's Status message, or empty
 * @param namespace     the namespace of the request, or empty when it spanned all namespaces
 * @param name          the Backend's name, or empty when the request named none
 */
public record ApiErrorDetails(int code, String reason, String serverMessage, String namespace, String name)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Normalizes {@code null} strings to empty ones. */
    public ApiErrorDetails {
        reason = reason == null ? "" : reason;
        serverMessage = serverMessage == null ? "" : serverMessage;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
    }

    /**
     * A new builder, every member unset (code 0, strings empty).
     * <pre>{@code
     * ApiErrorDetails d = ApiErrorDetails.builder().code(404).reason("NotFound").namespace("ai").name("openai").build();
     * }</pre>
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these details, to derive changed ones.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder().code(code).reason(reason).serverMessage(serverMessage).namespace(namespace).name(name);
    }

    /**
     * A copy changed through its builder: {@code details.copy(b -> b.name("other"))}.
     *
     * @param change changes the builder
     * @return the changed copy; these details are unchanged
     */
    public ApiErrorDetails copy(Consumer<Builder> change) {
        Builder b = toBuilder();
        Objects.requireNonNull(change, "change").accept(b);
        return b.build();
    }

    /** Builds {@link ApiErrorDetails}; every method returns this builder. */
    public static final class Builder {
        private int code;
        private String reason;
        private String serverMessage;
        private String namespace;
        private String name;

        private Builder() {
        }

        /**
         * @param code the HTTP status code, 0 when no response was received
         * @return this builder
         */
        public Builder code(int code) {
            this.code = code;
            return this;
        }

        /**
         * @param reason the Status reason, or {@code null}
         * @return this builder
         */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /**
         * @param serverMessage the Status message, or {@code null}
         * @return this builder
         */
        public Builder serverMessage(String serverMessage) {
            this.serverMessage = serverMessage;
            return this;
        }

        /**
         * @param namespace the namespace of the request, or {@code null} for all namespaces
         * @return this builder
         */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /**
         * @param name the Backend's name, or {@code null}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @return the details */
        public ApiErrorDetails build() {
            return new ApiErrorDetails(code, reason, serverMessage, namespace, name);
        }
    }
}

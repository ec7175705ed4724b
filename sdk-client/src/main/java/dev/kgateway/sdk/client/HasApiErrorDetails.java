package dev.kgateway.sdk.client;

/**
 * An exception that carries what the API server said: {@link KgatewayApiException} (and its
 * subclasses) and {@link BackendRejectedException}. One place for the details and for the getters
 * they replace.
 *
 * <pre>{@code
 * catch (RuntimeException e) {
 *     if (e instanceof HasApiErrorDetails failed && failed.details().code() == 429) { ... }
 * }
 * }</pre>
 */
public interface HasApiErrorDetails {

    /** @return what the server said and which Backend the request was about; never {@code null} */
    ApiErrorDetails details();

    /**
     * @return the HTTP status code (0 when no answer came)
     * @deprecated use {@code details().code()}
     */
    @Deprecated
    default int getCode() {
        return details().code();
    }

    /**
     * @return the Status reason, or empty
     * @deprecated use {@code details().reason()}
     */
    @Deprecated
    default String getReason() {
        return details().reason();
    }

    /**
     * @return the server's Status message, or empty
     * @deprecated use {@code details().serverMessage()}
     */
    @Deprecated
    default String getServerMessage() {
        return details().serverMessage();
    }

    /**
     * @return the namespace of the request, or empty
     * @deprecated use {@code details().namespace()}
     */
    @Deprecated
    default String getNamespace() {
        return details().namespace();
    }

    /**
     * @return the Backend's name, or empty when the request named none
     * @deprecated use {@code details().name()}
     */
    @Deprecated
    default String getName() {
        return details().name();
    }
}

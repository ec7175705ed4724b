package dev.kgateway.sdk.client;

import java.time.Duration;

/**
 * Hears what a {@link KgatewayClient} does on the wire, for metrics or tracing, without tying the
 * SDK to a metrics library. Every method has a no-op default; implement the ones you need. Calls
 * come on the thread that did the work (the caller's for requests, the watch's events thread for
 * re-lists) and must return quickly and not throw (an exception is logged and ignored).
 *
 * <p>Arguments are low-cardinality on purpose: no namespace and no object name.
 *
 * <pre>{@code
 * KgatewayClient kgw = KgatewayClient.builder()
 *     .listener(new KgatewayClientListener() {
 *         @Override
 *         public void onRequest(String verb, String outcome, Duration latency) {
 *             stats.record(verb + " " + outcome, latency);
 *         }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>With Micrometer, {@link KgatewayClient.Builder#meterRegistry} installs a ready-made listener.
 */
public interface KgatewayClientListener {

    /** The listener that does nothing. */
    KgatewayClientListener NOOP = new KgatewayClientListener() {
    };

    /**
     * One attempt of a request ended (each retry is an attempt of its own).
     *
     * @param verb    the Kubernetes verb: {@code get}, {@code list}, {@code create}, {@code update},
     *                {@code patch}, {@code delete}, {@code deletecollection}, {@code watch}
     * @param outcome {@code 2xx} when the request succeeded (fabric8 answers a {@code get} of a missing
     *                object with "absent", which counts as {@code 2xx} too), the status class
     *                ({@code 4xx}, {@code 5xx}) of an error answer, or the simple name of the exception
     *                when no answer came ({@code ConnectException}, {@code SocketTimeoutException})
     * @param latency how long the attempt took
     */
    default void onRequest(String verb, String outcome, Duration latency) {
    }

    /**
     * A failed attempt is about to be repeated.
     *
     * @param verb    the request's verb
     * @param attempt the attempt that failed (1 for the first)
     * @param reason  {@code 429}, {@code 5xx}, or the simple name of the exception when no answer came
     */
    default void onRetry(String verb, int attempt, String reason) {
    }

    /**
     * A read-modify-write ({@code edit}, {@code editStatus}, an update without resourceVersion) lost
     * against a concurrent writer (409) and reads again to try once more.
     *
     * @param verb the write's verb ({@code update})
     */
    default void onConflictRetry(String verb) {
    }

    /** A watch opened its connection again after a re-list or an event it could not read. */
    default void onWatchReconnect() {
    }

    /**
     * A watch listed again because it could not resume.
     *
     * @param reason {@code gone} (HTTP 410: the resourceVersion expired) or {@code undecodable}
     *               (an event without resourceVersion could not be read)
     */
    default void onRelist(String reason) {
    }

    /**
     * Called with each warning the API server sent with an answer (its {@code Warning} headers: an unknown
     * field under {@link FieldValidation#WARN}, a deprecated API, ...), also logged at WARN. Clients made
     * with {@code KgatewayClient.from(..)} see no headers and hear none.
     *
     * @param warning the warning's text
     */
    default void onWarning(String warning) {
    }
}

package dev.kgateway.sdk.embeddedapiserver;

import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Expert hook for faults the embedded API server has no name for: any status, headers or body,
 * a WebSocket whose watch events the test writes itself, or a look at each answer before it
 * leaves. Prefer {@link Faults} for what a real control plane does (throttling, 5xx, lost answers,
 * latency); an interceptor sees and can replace everything, so a test built on it proves less.
 *
 * <pre>{@code
 * EmbeddedApiServer server = EmbeddedApiServer.builder()
 *     .interceptor(new RequestInterceptor() {
 *         public MockResponse before(RecordedCall call) {
 *             return call.path().endsWith("/backends/web")
 *                     ? new MockResponse().setResponseCode(404).setBody("404 page not found") : null;
 *         }
 *     })
 *     .start();
 * }</pre>
 *
 * <p>Called on the server's threads, concurrently: implementations must be thread-safe.
 */
public interface RequestInterceptor {

    /**
     * @return the answer to {@code call} instead of the server's (the server then neither handles
     *         nor stores anything), or {@code null} to let the server handle it
     */
    default MockResponse before(RecordedCall call) {
        return null;
    }

    /**
     * @param answer the server's answer to {@code call}, after it was handled (and stored)
     * @return the answer to send: {@code answer} itself, changed, or another one
     */
    default MockResponse after(RecordedCall call, MockResponse answer) {
        return answer;
    }
}

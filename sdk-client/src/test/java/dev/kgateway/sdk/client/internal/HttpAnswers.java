package dev.kgateway.sdk.client.internal;

import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP answers as fabric8's interceptors see them, for tests that need no server. */
final class HttpAnswers {

    private HttpAnswers() {
    }

    /** @return an answer with {@code code} and, unless {@code null}, a {@code Retry-After} header */
    static HttpResponse<byte[]> withRetryAfter(int code, String retryAfter) {
        Map<String, List<String>> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter));
        return new HttpResponse<>() {
            @Override
            public int code() {
                return code;
            }

            @Override
            public byte[] body() {
                return new byte[0];
            }

            @Override
            public HttpRequest request() {
                return null;
            }

            @Override
            public Optional<HttpResponse<?>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public List<String> headers(String key) {
                return headers.getOrDefault(key, List.of());
            }

            @Override
            public Map<String, List<String>> headers() {
                return headers;
            }
        };
    }
}

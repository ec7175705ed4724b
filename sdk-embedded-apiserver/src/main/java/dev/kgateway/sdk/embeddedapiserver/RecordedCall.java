package dev.kgateway.sdk.embeddedapiserver;

import java.util.List;
import java.util.Map;

/**
 * One request the embedded API server received, for assertions. Credentials never get here: the
 * {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} headers are kept as
 * {@code <redacted>}, and {@link #toString()} shows no body.
 *
 * <pre>{@code
 * assertThat(server.requests()).filteredOn(c -> c.method().equals("PATCH"))
 *         .extracting(RecordedCall::contentType).containsOnly("application/apply-patch+yaml");
 * }</pre>
 *
 * @param method      HTTP method
 * @param path        path without the query
 * @param query       decoded query parameters (the last value of a repeated one)
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param body        the request body as text, empty when none; Secret {@code data} and {@code stringData} values redacted
 * @param headers     request headers, credentials redacted
 */
public record RecordedCall(String method, String path, Map<String, String> query, String contentType, String body,
                           Map<String, List<String>> headers) {

    /** Copies the maps. */
    public RecordedCall {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** @return the query parameter {@code name}, or {@code null} */
    public String queryParameter(String name) {
        return query.get(name);
    }

    /** @return the first value of header {@code name} (any case), or {@code null} */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** @return whether this is a watch request ({@code watch=true}) */
    public boolean isWatch() {
        return "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
    }

    /** Method, path, query and content type; never the body or headers. */
    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : " " + new java.util.TreeMap<>(query))
                + (contentType == null ? "" : " (" + contentType + ", " + body.length() + " chars)");
    }
}

package dev.kgateway.sdk.model;

import java.util.Objects;

import javax.annotation.Nullable;

/**
 * A document of a YAML stream that {@link BackendJson#selectBackends(java.nio.file.Path)} did not read
 * as a Backend: another kind (an {@code HTTPRoute}, a {@code Secret}), another project's
 * {@code Backend} (Envoy Gateway's {@code gateway.envoyproxy.io}), a kgateway version this SDK does
 * not read, or an item of such a kind in a {@code List}.
 *
 * <pre>{@code
 * BackendSelection read = BackendJson.selectBackends(Path.of("gitops/app.yaml"));
 * for (SkippedDocument skipped : read.skipped()) {
 *     log.info("not a kgateway Backend: {}", skipped); // document 2 (v1 Secret 'openai-key'): has kind Secret, ...
 * }
 * }</pre>
 *
 * <p>Kind, apiVersion and name are reported only when they look like Kubernetes names (a document's
 * content may hold secrets, so anything else is left out); the reason never quotes the document.
 *
 * @param document   the document's number in the stream, from 1, counting empty documents as
 *                   {@link BackendReadException} messages do
 * @param item       the index, from 0, of the skipped item in the document's {@code List}, or
 *                   {@code null} when the whole document was skipped
 * @param apiVersion the document's (or item's) {@code apiVersion}, or {@code null} when absent or not shaped like one
 * @param kind       its {@code kind}, or {@code null} when absent or not shaped like one
 * @param name       its {@code metadata.name}, or {@code null} when absent or not shaped like one
 * @param reason     why it was skipped, for example {@code has kind Secret, expected Backend}
 */
public record SkippedDocument(int document, @Nullable Integer item, @Nullable String apiVersion, @Nullable String kind,
                              @Nullable String name, String reason) {

    /**
     * @throws NullPointerException when {@code reason} is {@code null}
     */
    public SkippedDocument {
        Objects.requireNonNull(reason, "reason");
    }

    /** @return for example {@code document 2, item 0 (v1 Secret 'openai-key'): has kind Secret, expected Backend} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("document ").append(document);
        if (item != null) {
            out.append(", item ").append(item);
        }
        StringBuilder what = new StringBuilder();
        for (String part : new String[] {apiVersion, kind, name == null ? null : "'" + name + "'"}) {
            if (part != null) {
                what.append(what.length() == 0 ? "" : " ").append(part);
            }
        }
        if (what.length() > 0) {
            out.append(" (").append(what).append(')');
        }
        return out.append(": ").append(reason).toString();
    }
}

package dev.kgateway.sdk.model;

import java.util.List;

/**
 * The Backends of a YAML stream that also holds other documents, as a GitOps repository keeps them
 * (a Backend next to its {@code HTTPRoute} and {@code Secret}, or {@code kubectl get -o yaml}'s
 * {@code kind: List}), and what was skipped.
 *
 * <pre>{@code
 * BackendSelection read = BackendJson.selectBackends(Path.of("gitops/app.yaml"));
 * List<Backend> backends = read.backends();
 * read.skipped().forEach(s -> log.info("skipped {}", s)); // document 1 (v1 Secret 'openai-key'): has kind Secret, ...
 * }</pre>
 *
 * @param backends the Backends, in stream order ({@code List} items in their place); immutable
 * @param skipped  the documents and {@code List} items that are not kgateway Backends, in stream order; immutable
 */
public record BackendSelection(List<Backend> backends, List<SkippedDocument> skipped) {

    /** Copies both lists, so the selection is immutable. */
    public BackendSelection {
        backends = List.copyOf(backends);
        skipped = List.copyOf(skipped);
    }
}

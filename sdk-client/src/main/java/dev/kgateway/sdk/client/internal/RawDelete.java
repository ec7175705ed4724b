package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.DeleteOptions;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import tools.jackson.databind.JsonNode;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * DELETE requests with a full {@code DeleteOptions} body: fabric8's DSL cannot send a uid
 * precondition, so deletes go out here, through the fabric8 client's HTTP client (its
 * authentication, TLS and interceptors). Failures are thrown as fabric8 does
 * ({@link KubernetesClientException} with the server's {@link Status}), for {@link ErrorMapper}.
 */
final class RawDelete {

    private final KubernetesClient client;

    RawDelete(KubernetesClient client) {
        this.client = client;
    }

    /** The outcome: the HTTP code and the server's answer as a JSON tree (a Backend, a list, or a Status). */
    record Answer(int code, JsonNode body) {
    }

    /** Deletes one Backend; a 404 is returned, not thrown. */
    Answer one(String namespace, String name, DeleteOptions options, boolean dryRun) {
        return send(path(namespace) + "/" + name, options, dryRun, true);
    }

    /** Deletes the Backends a label selector selects ({@code deletecollection}). */
    Answer selected(String namespace, String labelSelector, boolean dryRun) {
        return send(path(namespace) + "?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8),
                DeleteOptions.defaults(), dryRun, false);
    }

    private static String path(String namespace) {
        return "apis/" + Backend.GROUP + "/" + Backend.VERSION + "/namespaces/" + namespace + "/" + Backend.PLURAL;
    }

    private Answer send(String path, DeleteOptions options, boolean dryRun, boolean notFoundIsAnAnswer) {
        io.fabric8.kubernetes.api.model.DeleteOptions body = new io.fabric8.kubernetes.api.model.DeleteOptions();
        body.setApiVersion("v1");
        body.setKind("DeleteOptions");
        if (options.preconditionUid().isPresent() || options.preconditionResourceVersion().isPresent()) {
            body.setPreconditions(new Preconditions(options.preconditionResourceVersion().orElse(null), options.preconditionUid().orElse(null)));
        }
        options.propagationPolicy().ifPresent(p -> body.setPropagationPolicy(p.wireValue()));
        options.gracePeriod().ifPresent(g -> body.setGracePeriodSeconds(g.toSeconds()));
        if (dryRun) {
            body.setDryRun(List.of("All"));
        }
        HttpClient http = client.getHttpClient();
        HttpRequest request;
        try {
            String base = client.getMasterUrl().toString();
            request = http.newHttpRequestBuilder()
                    .url(URI.create(base.endsWith("/") ? base + path : base + "/" + path).toURL())
                    .delete("application/json", client.getKubernetesSerialization().asJson(body))
                    .build();
        } catch (MalformedURLException e) {
            throw new KubernetesClientException("invalid API server URL", e);
        }
        HttpResponse<String> response;
        try {
            response = http.sendAsync(request, String.class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while deleting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // as fabric8 reports it for its own requests: no HTTP code, an I/O error as the cause
            throw new KubernetesClientException("no answer to DELETE " + path,
                    cause instanceof java.io.IOException ? cause : new java.io.IOException(cause.getMessage(), cause));
        }
        int code = response.code();
        String text = response.body() == null ? "" : response.body();
        JsonNode tree = tree(text);
        if (code >= 200 && code < 300 || code == 404 && notFoundIsAnAnswer && !ErrorMapper.notServedOrNoNamespace(tree)) {
            return new Answer(code, tree);
        }
        Status status = status(tree, code, text);
        throw new KubernetesClientException(status.getMessage(), code, status);
    }

    private JsonNode tree(String text) {
        try {
            return text.isBlank() ? null : client.getKubernetesSerialization().unmarshal(text, JsonNode.class);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private Status status(JsonNode tree, int code, String text) {
        if (tree != null && "Status".equals(tree.path("kind").asString(""))) {
            try {
                return client.getKubernetesSerialization().convertValue(tree, Status.class);
            } catch (RuntimeException unreadable) {
                // fall through to a Status of our own
            }
        }
        return new StatusBuilder().withCode(code).withMessage(text.length() > 500 ? text.substring(0, 500) : text).build();
    }
}

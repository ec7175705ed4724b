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
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Requests whose answers the SDK reads itself, through the fabric8 client's HTTP client (its
 * authentication, TLS and interceptors): a GET, because fabric8's {@code get()} turns every 404
 * into "not there", including kube-apiserver's plain-text {@code 404 page not found} for a
 * resource nobody serves; and DELETEs with a full {@code DeleteOptions} body, which fabric8's DSL
 * cannot send with a uid precondition. Every request is bounded by the client's request timeout.
 * Failures are thrown as fabric8 does ({@link KubernetesClientException} with the server's
 * {@link Status}), for {@link ErrorMapper}.
 */
final class RawRequests {

    /** Waited for beyond the request timeout before the request is given up, should the HTTP client not enforce it. */
    private static final long GRACE_MILLIS = 2_000;

    private final KubernetesClient client;

    RawRequests(KubernetesClient client) {
        this.client = client;
    }

    /** The outcome: the HTTP code and the server's answer as a JSON tree (a Backend, a list, or a Status). */
    record Answer(int code, JsonNode body) {
    }

    /** @return the stored Backend's JSON, or empty when the server says this Backend does not exist */
    Optional<String> get(String namespace, String name) {
        HttpRequest request = builder(path(namespace) + "/" + name).build();
        HttpResponse<String> response = send(request, "GET " + name);
        String text = response.body() == null ? "" : response.body();
        if (response.code() == 200) {
            return Optional.of(text);
        }
        JsonNode tree = tree(text);
        if (response.code() == 404 && (text.isBlank() || ErrorMapper.objectNotFound(tree))) {
            return Optional.empty();
        }
        Status status = status(tree, response.code(), text);
        throw new KubernetesClientException(status.getMessage(), response.code(), status);
    }

    /** Deletes one Backend; a 404 for the Backend is returned, not thrown. */
    Answer deleteOne(String namespace, String name, DeleteOptions options, boolean dryRun) {
        return delete(path(namespace) + "/" + name, options, dryRun, true);
    }

    /** Deletes the Backends a label selector selects ({@code deletecollection}). */
    Answer deleteSelected(String namespace, String labelSelector, boolean dryRun) {
        return delete(path(namespace) + "?labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8),
                DeleteOptions.defaults(), dryRun, false);
    }

    private static String path(String namespace) {
        return "apis/" + Backend.GROUP + "/" + Backend.VERSION + "/namespaces/" + namespace + "/" + Backend.PLURAL;
    }

    private Answer delete(String path, DeleteOptions options, boolean dryRun, boolean notFoundIsAnAnswer) {
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
        HttpRequest request = builder(path).delete("application/json", client.getKubernetesSerialization().asJson(body)).build();
        HttpResponse<String> response = send(request, "DELETE " + path);
        int code = response.code();
        String text = response.body() == null ? "" : response.body();
        JsonNode tree = tree(text);
        if (code >= 200 && code < 300 || code == 404 && notFoundIsAnAnswer && (text.isBlank() || ErrorMapper.objectNotFound(tree))) {
            return new Answer(code, tree);
        }
        Status status = status(tree, code, text);
        throw new KubernetesClientException(status.getMessage(), code, status);
    }

    private HttpRequest.Builder builder(String path) {
        HttpClient http = client.getHttpClient();
        try {
            String base = client.getMasterUrl().toString();
            HttpRequest.Builder builder = http.newHttpRequestBuilder()
                    .url(URI.create(base.endsWith("/") ? base + path : base + "/" + path).toURL());
            long timeout = requestTimeoutMillis();
            if (timeout > 0) {
                builder.timeout(timeout, TimeUnit.MILLISECONDS);
            }
            return builder;
        } catch (MalformedURLException e) {
            throw new KubernetesClientException("invalid API server URL", e);
        }
    }

    private long requestTimeoutMillis() {
        Integer timeout = client.getConfiguration().getRequestTimeout();
        return timeout == null ? 0 : timeout;
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        long timeout = requestTimeoutMillis();
        try {
            var answer = client.getHttpClient().sendAsync(request, String.class);
            return timeout > 0 ? answer.get(timeout + GRACE_MILLIS, TimeUnit.MILLISECONDS) : answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted: " + what, e);
        } catch (TimeoutException e) {
            throw new KubernetesClientException("no answer within the request timeout (" + timeout + " ms): " + what,
                    new HttpTimeoutException("request timed out after " + timeout + " ms"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // as fabric8 reports it for its own requests: no HTTP code, an I/O error as the cause
            throw new KubernetesClientException("no answer to " + what,
                    cause instanceof java.io.IOException ? cause : new java.io.IOException(cause.getMessage(), cause));
        }
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

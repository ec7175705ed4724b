package dev.kgateway.sdk.examples;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.List;

/**
 * fabric8's CRUD dispatcher plus a simplified server-side apply, so the examples can {@code apply}
 * on the embedded server: an apply creates the object when it is absent and merges the applied
 * fields into it (RFC 7386) when present. Unlike a real API server it tracks no field ownership, so
 * {@code force} has no effect and no apply conflict is ever reported.
 */
final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {

    ApplyingCrudDispatcher() {
        super(List.of());
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/apply-patch")) {
            return super.handlePatch(request);
        }
        String path = request.getPath();
        String resourcePath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        byte[] body = request.getBody().getBytes();
        if (handleGet(resourcePath).code() == 404) {
            String collection = resourcePath.substring(0, resourcePath.lastIndexOf('/'));
            return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                    headers("application/json"), new Buffer(body)));
        }
        return super.handlePatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH, resourcePath,
                headers("application/merge-patch+json"), new Buffer(body)));
    }

    private static Headers headers(String contentType) {
        return Headers.builder().add("Content-Type", contentType).build();
    }
}

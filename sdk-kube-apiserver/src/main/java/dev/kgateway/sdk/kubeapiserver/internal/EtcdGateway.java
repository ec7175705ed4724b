package dev.kgateway.sdk.kubeapiserver.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** etcd's JSON gateway (its v3 API over HTTP): the current revision and compaction, without an etcd client library. */
public final class EtcdGateway {

    private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*\"?(\\d+)");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base etcd's client URL, {@code http://127.0.0.1:<port>} */
    public EtcdGateway(URI base) {
        this.base = base;
    }

    /** @return whether etcd answers its health endpoint with {@code "health":"true"} */
    public boolean healthy() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return etcd's current revision (the newest resourceVersion kube-apiserver has written) */
    public long revision() {
        // any range read carries the store's revision in its header; key "\0" (base64 "AAA=") is never written
        return revisionIn(post("/v3/kv/range", "{\"key\":\"AA==\",\"limit\":1}"));
    }

    /**
     * Compacts etcd's history up to the current revision, physically: every older revision is gone, so a
     * watch or a continue token from before it gets 410 Gone once kube-apiserver has to ask etcd for it.
     *
     * @return the revision compacted to
     */
    public long compact() {
        long revision = revision();
        post("/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
        return revision;
    }

    static long revisionIn(String json) {
        Matcher m = REVISION.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("etcd's answer has no revision: " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private String post(String path, String body) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("etcd " + path + ": HTTP " + answer.statusCode() + " " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException("etcd " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

package dev.kgateway.sdk.validation;

import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.model.BackendJson;

import io.fabric8.kubernetes.client.Config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real kube-apiserver seen through plain HTTP: installs one Backend CRD at a time and answers
 * dry-run creates ({@code ?dryRun=All}) with the server's own Status, causes and warnings.
 */
final class DryRunServer {

    static final String CRD_NAME = "backends.gateway.kgateway.dev";
    static final String NAMESPACE = "valdiff";
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + NAMESPACE + "/backends";

    /** One cause of a refusal, as in {@code details.causes[]}. */
    record Cause(String field, String reason, String message) {
        @Override
        public String toString() {
            return field + " " + reason + " " + message;
        }
    }

    /** The server's answer to one dry-run create. */
    record Answer(int code, String reason, String message, List<Cause> causes, List<String> warnings) {
        boolean accepted() {
            return code / 100 == 2;
        }
    }

    /** How the server treats members its schema does not declare: {@code fieldValidation}. */
    enum FieldValidation { Strict, Warn, Ignore }

    private final String url;
    private final String token;
    private final HttpClient http;

    DryRunServer(KubeApiServer server) {
        Config config = server.config();
        this.url = server.url();
        this.token = config.getOauthToken();
        try {
            this.http = HttpClient.newBuilder().sslContext(trusting(Path.of(config.getCaCertFile())))
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the server's certificate", e);
        }
    }

    /** Replaces whatever Backend CRD is installed by {@code crd}: deleted and gone, then created, Established and served. */
    void install(JsonNode crd) {
        send("DELETE", CRDS + "/" + CRD_NAME, null);
        await("the old CRD to be gone", () -> send("GET", CRDS + "/" + CRD_NAME, null).statusCode() == 404);
        ObjectNode fresh = (ObjectNode) crd.deepCopy();
        ObjectNode meta = (ObjectNode) fresh.path("metadata");
        meta.retain("name", "labels", "annotations");
        fresh.remove("status");
        HttpResponse<String> created = send("POST", CRDS, BackendJson.jsonMapper().writeValueAsString(fresh));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("CRD not created: " + created.statusCode() + " " + created.body());
        }
        await("the CRD to be Established", () -> {
            JsonNode got = BackendJson.jsonMapper().readTree(send("GET", CRDS + "/" + CRD_NAME, null).body());
            for (JsonNode c : got.path("status").path("conditions")) {
                if ("Established".equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
                    return true;
                }
            }
            return false;
        });
        await("Backends to be served", () -> send("GET", BACKENDS, null).statusCode() == 200);
    }

    /** Creates the namespace every dry run goes to (NamespaceLifecycle refuses creates in a missing one). */
    void createNamespace() {
        HttpResponse<String> r = send("POST", "/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}");
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("namespace not created: " + r.statusCode() + " " + r.body());
        }
    }

    /** A dry-run create of {@code document} in {@value #NAMESPACE}: nothing is stored, every check runs. */
    Answer dryRunCreate(JsonNode document, FieldValidation fieldValidation) {
        HttpResponse<String> r = send("POST", BACKENDS + "?dryRun=All&fieldValidation=" + URLEncoder.encode(fieldValidation.name(), StandardCharsets.UTF_8),
                BackendJson.jsonMapper().writeValueAsString(document));
        List<String> warnings = new ArrayList<>();
        for (String w : r.headers().allValues("Warning")) {
            warnings.add(warningText(w));
        }
        if (r.statusCode() / 100 == 2) {
            return new Answer(r.statusCode(), "", "", List.of(), warnings);
        }
        JsonNode status;
        try {
            status = BackendJson.jsonMapper().readTree(r.body());
        } catch (RuntimeException e) {
            return new Answer(r.statusCode(), "", r.body(), List.of(), warnings);
        }
        List<Cause> causes = new ArrayList<>();
        for (JsonNode c : status.path("details").path("causes")) {
            causes.add(new Cause(c.path("field").asString(""), c.path("reason").asString(""), c.path("message").asString("")));
        }
        return new Answer(r.statusCode(), status.path("reason").asString(""), status.path("message").asString(""), causes, warnings);
    }

    /** {@code 299 - "unknown field \"spec.x\""}: the text between the quotes, unescaped. */
    static String warningText(String header) {
        int start = header.indexOf('"');
        if (!header.startsWith("299") || start < 0 || !header.endsWith("\"")) {
            return header;
        }
        return header.substring(start + 1, header.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited 60 s for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

package dev.kgateway.sdk.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

import dev.kgateway.sdk.model.BackendJson;

import tools.jackson.databind.JsonNode;

/**
 * The Backend CRD of every kgateway release line, bundled in this jar, and the SDK's own CRD: check a
 * Backend against the release you deploy to without a cluster.
 *
 * <pre>{@code
 * List<Violation> v = KgatewayRelease.V2_3.validator().validate(backend);
 * Optional<KgatewayRelease> installed = KgatewayRelease.detect(crdTree); // which release a cluster runs
 * }</pre>
 */
public enum KgatewayRelease {
    /** kgateway v2.0: {@code ai.llm.provider.<p>}, {@code ai.multipool}; {@code type} required. */
    V2_0("META-INF/kgateway-sdk/releases/backends-crd-v2.0.yaml"),
    /** kgateway v2.1: AI flattened to {@code ai.llm.<p>}; {@code mcp}, {@code dynamicForwardProxy}. */
    V2_1("META-INF/kgateway-sdk/releases/backends-crd-v2.1.yaml"),
    /** kgateway v2.2: no {@code ai}, no {@code mcp}; {@code type} optional. */
    V2_2("META-INF/kgateway-sdk/releases/backends-crd-v2.2.yaml"),
    /** kgateway v2.3: adds {@code gcp}. */
    V2_3("META-INF/kgateway-sdk/releases/backends-crd-v2.3.yaml"),
    /** kgateway v2.4: adds {@code aws.ec2}, {@code aws.auth.assumeRole}, {@code aws.lambda.accountId}, {@code priorityGroups}. */
    V2_4("META-INF/kgateway-sdk/releases/backends-crd-v2.4.yaml"),
    /** kgateway's main branch when the CRDs were vendored (the same schema as v2.4). */
    MAIN("META-INF/kgateway-sdk/releases/backends-crd-main.yaml"),
    /** The SDK's own CRD, generated from {@code schema/backend.json}: a superset of every release. */
    SDK("META-INF/kgateway-sdk/crds/backends.gateway.kgateway.dev.yaml");

    /** The Backend API version every release serves. */
    public static final String VERSION = "v1alpha1";

    private final String resource;
    private volatile JsonNode crd;
    private volatile CrdValidator validator;

    KgatewayRelease(String resource) {
        this.resource = resource;
    }

    /** @return the release's CRD as a JSON tree (a copy: change it freely) */
    public JsonNode crd() {
        return tree().deepCopy();
    }

    /** @return the validator for this release's {@value #VERSION}, built on first use and cached */
    public CrdValidator validator() {
        CrdValidator v = validator;
        if (v == null) {
            synchronized (this) {
                v = validator;
                if (v == null) {
                    v = CrdValidator.of(tree(), VERSION);
                    validator = v;
                }
            }
        }
        return v;
    }

    private JsonNode tree() {
        JsonNode t = crd;
        if (t == null) {
            synchronized (this) {
                t = crd;
                if (t == null) {
                    try (InputStream in = KgatewayRelease.class.getClassLoader().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IllegalStateException("resource " + resource + " is missing from the class path");
                        }
                        t = BackendJson.yamlMapper().readTree(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    crd = t;
                }
            }
        }
        return t;
    }

    /**
     * Which release a CRD is, by comparing its {@value #VERSION} schema with the bundled ones (a map
     * comparison of the trees; the first match in declaration order, so main's schema reports V2_4).
     *
     * @param crd a Backend CRD, such as the one read from a cluster
     * @return the release whose schema is identical, or empty (an unknown or patched CRD)
     */
    public static Optional<KgatewayRelease> detect(JsonNode crd) {
        Objects.requireNonNull(crd, "crd");
        JsonNode schema = schemaOf(crd);
        if (schema.isMissingNode()) {
            return Optional.empty();
        }
        for (KgatewayRelease r : values()) {
            if (schema.equals(schemaOf(r.tree()))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static JsonNode schemaOf(JsonNode crd) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (VERSION.equals(v.path("name").asString(null))) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }
}

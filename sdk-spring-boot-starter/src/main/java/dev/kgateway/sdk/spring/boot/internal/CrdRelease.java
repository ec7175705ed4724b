package dev.kgateway.sdk.spring.boot.internal;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.Map;

/**
 * Tells which kgateway release line a Backend CRD comes from. kgateway's chart puts no version on
 * the CRD (its labels are {@code app: kgateway} and {@code app.kubernetes.io/name: kgateway}), so a
 * version label is used when an installer added one, and otherwise the schema's shape, by the
 * members each line added or removed (schema/upstream/README.md).
 */
public final class CrdRelease {

    /** The group/version the SDK speaks. */
    public static final String VERSION = "v1alpha1";

    private CrdRelease() {
    }

    /**
     * @return {@code "v2.0"} ... {@code "v2.3"}, {@code "v2.4 or later"}, the value of an
     *     {@code app.kubernetes.io/version} label, or {@code "unknown (not installed by kgateway)"}
     *     when the CRD lacks kgateway's labels (such as the SDK's own, from {@code installCrd})
     */
    public static String of(CustomResourceDefinition crd) {
        Map<String, String> labels = crd.getMetadata().getLabels() == null ? Map.of() : crd.getMetadata().getLabels();
        String version = labels.get("app.kubernetes.io/version");
        if (version != null && !version.isBlank()) {
            return version;
        }
        if (!"kgateway".equals(labels.get("app")) && !"kgateway".equals(labels.get("app.kubernetes.io/name"))) {
            return "unknown (not installed by kgateway)";
        }
        JSONSchemaProps spec = specSchema(crd);
        if (spec == null) {
            return "unknown (no v1alpha1 schema)";
        }
        if (has(spec, "priorityGroups") || has(member(spec, "aws"), "ec2")) {
            return "v2.4 or later";
        }
        if (has(spec, "gcp")) {
            return "v2.3";
        }
        JSONSchemaProps ai = member(spec, "ai");
        if (ai == null) {
            return "v2.2";
        }
        return has(member(ai, "llm"), "provider") ? "v2.0" : "v2.1";
    }

    /** @return whether the CRD serves the version the SDK speaks */
    public static boolean servesSdkVersion(CustomResourceDefinition crd) {
        return crd.getSpec() != null && crd.getSpec().getVersions() != null
                && crd.getSpec().getVersions().stream().anyMatch(v -> VERSION.equals(v.getName()) && Boolean.TRUE.equals(v.getServed()));
    }

    private static JSONSchemaProps specSchema(CustomResourceDefinition crd) {
        if (crd.getSpec() == null || crd.getSpec().getVersions() == null) {
            return null;
        }
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (VERSION.equals(v.getName()) && v.getSchema() != null) {
                return member(v.getSchema().getOpenAPIV3Schema(), "spec");
            }
        }
        return null;
    }

    private static JSONSchemaProps member(JSONSchemaProps schema, String name) {
        return schema == null || schema.getProperties() == null ? null : schema.getProperties().get(name);
    }

    private static boolean has(JSONSchemaProps schema, String name) {
        return member(schema, name) != null;
    }
}

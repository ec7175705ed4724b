package dev.kgateway.sdk.validation;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.internal.KgatewayLimits;
import dev.kgateway.sdk.validation.internal.KubeErrors;
import dev.kgateway.sdk.validation.internal.Normalizer;
import dev.kgateway.sdk.validation.internal.ObjectMetaRules;
import dev.kgateway.sdk.validation.internal.SchemaCompiler;
import dev.kgateway.sdk.validation.internal.SchemaNode;
import dev.kgateway.sdk.validation.internal.SchemaValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.annotation.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validates Backends offline exactly as kube-apiserver would against one version of a Backend
 * CustomResourceDefinition: what pruning would drop ({@link ViolationTypes#PRUNED}), then, on the
 * pruned and defaulted object, the structural schema (type, enum, pattern, lengths, ranges, items,
 * properties, required, nullable, int-or-string, list-type set/map uniqueness, format) and the CEL
 * {@code x-kubernetes-validations} rules, transition rules included on update, and the server's own
 * checks of {@code metadata} (name or generateName, DNS-1123 names, label and annotation syntax and
 * sizes). As the server, the rules are not run after a schema or metadata error of type Required,
 * NotSupported, TooLong, TooMany or TypeInvalid (when the CRD has rules): the server's cause at field
 * {@code <nil>}, "some validation rules were not checked ...", takes their place. Violations carry
 * kube-apiserver's field paths, cause types and messages, in the words of kube-apiserver 1.37 (checked
 * against v1.37.2 by the module's differential suite). Then, of severity
 * {@link Violation.Severity#UNUSABLE} ({@link ViolationTypes#UNUSABLE}), what the server accepts but
 * kgateway cannot use (a static host port above 65535, which the CRDs of v2.1 and later let in).
 *
 * <p>Built once from a CRD (the schema is compiled into a tree of node validators, every CEL rule and
 * pattern compiled once); immutable and thread-safe. The CEL rules of the bundled
 * {@link KgatewayRelease}s are type-checked when this jar is built: a fresh JVM only plans their
 * programs. For a CRD of your own, set the system property {@value #CEL_CACHE_DIRECTORY_PROPERTY} to
 * keep its checked rules in a directory for the next JVMs (see the constant).
 *
 * <pre>{@code
 * CrdValidator validator = KgatewayRelease.V2_3.validator();
 * List<Violation> violations = validator.validate(backend);
 * // [spec.aws.lambda.accountId: FieldValuePruned: unknown field "spec.aws.lambda.accountId"]
 *
 * CrdValidator mine = CrdValidator.fromYaml(Files.readString(Path.of("backends-crd.yaml")), "v1alpha1");
 * Backend stored = mine.withDefaults(backend); // as the server would store it
 * }</pre>
 */
public final class CrdValidator {

    /**
     * The system property naming a directory where the checked ASTs of CEL rules (one small file per
     * rule) are kept across JVMs, for CRDs not bundled in this jar: the first JVM compiles a rule and
     * writes it there, the next ones read it instead of parsing and type-checking it again. Unset by
     * default (nothing is written); the directory is created when missing. A file is only used for the
     * same rule text, the same type of {@code self}, the same CEL environment and the same cel-java
     * classes; a damaged, foreign or unwritable file only costs a compile, never a different verdict.
     *
     * <pre>{@code
     * // java -Dkgateway.sdk.validation.celCacheDir=$HOME/.cache/kgateway-sdk/cel ...
     * System.setProperty(CrdValidator.CEL_CACHE_DIRECTORY_PROPERTY, "target/cel-cache"); // before building
     * CrdValidator mine = CrdValidator.fromFile(Path.of("my-crd.yaml"), "v1");
     * }</pre>
     */
    public static final String CEL_CACHE_DIRECTORY_PROPERTY = "kgateway.sdk.validation.celCacheDir";

    private final String crdName;
    private final String version;
    private final SchemaNode schema;
    private final boolean statusSubresource;
    private final boolean hasRules;

    private CrdValidator(String crdName, String version, SchemaNode schema, boolean statusSubresource) {
        this.crdName = crdName;
        this.version = version;
        this.schema = schema;
        this.statusSubresource = statusSubresource;
        this.hasRules = schema.hasRules();
    }

    /**
     * @param crd     a CustomResourceDefinition ({@code apiextensions.k8s.io/v1}) as a JSON tree; a
     *                fabric8 {@code CustomResourceDefinition} converts with
     *                {@code Serialization.jsonMapper().valueToTree(crd)} or its own serializer
     * @param version the served version to validate against, such as {@code v1alpha1}
     * @return the compiled validator
     * @throws IllegalArgumentException when the version is missing, has no schema, or a rule or
     *                                  pattern does not compile (the message names the schema path)
     */
    public static CrdValidator of(JsonNode crd, String version) {
        Objects.requireNonNull(crd, "crd");
        Objects.requireNonNull(version, "version");
        JsonNode versions = crd.path("spec").path("versions");
        String name = crd.path("metadata").path("name").asString("");
        for (JsonNode v : versions) {
            if (version.equals(v.path("name").asString(null))) {
                JsonNode schema = v.path("schema").path("openAPIV3Schema");
                if (!schema.isObject()) {
                    throw new IllegalArgumentException("CRD " + name + " version " + version + " has no schema.openAPIV3Schema");
                }
                return new CrdValidator(name, version, new SchemaCompiler().compile(schema),
                        v.path("subresources").has("status"));
            }
        }
        List<String> known = new ArrayList<>();
        versions.forEach(v -> known.add(v.path("name").asString("")));
        throw new IllegalArgumentException("CRD " + name + " has no version " + version + " (versions: " + known + ")");
    }

    /**
     * @param yaml    a CustomResourceDefinition in YAML (comments and a leading {@code ---} are fine)
     * @param version the version to validate against
     * @return the compiled validator
     * @throws IllegalArgumentException when the YAML is not a CRD with that version
     */
    public static CrdValidator fromYaml(String yaml, String version) {
        return of(readTree(() -> BackendJson.yamlMapper().readTree(yaml)), version);
    }

    /**
     * @param json    a CustomResourceDefinition in JSON (as {@code kubectl get crd -o json} prints it)
     * @param version the version to validate against
     * @return the compiled validator
     */
    public static CrdValidator fromJson(String json, String version) {
        return of(readTree(() -> BackendJson.jsonMapper().readTree(json)), version);
    }

    /**
     * @param file    a CustomResourceDefinition in YAML or JSON
     * @param version the version to validate against
     * @return the compiled validator
     */
    public static CrdValidator fromFile(Path file, String version) {
        try {
            return fromYaml(Files.readString(file), version); // JSON is YAML
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private interface TreeRead {
        JsonNode read() throws JacksonException;
    }

    private static JsonNode readTree(TreeRead read) {
        try {
            JsonNode tree = read.read();
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("not a CustomResourceDefinition: the document is not an object");
            }
            return tree;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a CustomResourceDefinition: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the CRD's {@code metadata.name}, such as {@code backends.gateway.kgateway.dev} */
    public String crdName() {
        return crdName;
    }

    /** @return the version this validator checks */
    public String version() {
        return version;
    }

    /**
     * Everything the server would refuse in a create, and every member it would drop.
     *
     * @param backend the Backend to create
     * @return the violations; empty when the server would store the Backend unchanged but for defaults
     */
    public List<Violation> validate(Backend backend) {
        return validate(BackendJson.toTree(backend));
    }

    /**
     * @param document a Backend document as a JSON tree (not changed)
     * @return the violations, as {@link #validate(Backend)}
     */
    public List<Violation> validate(JsonNode document) {
        return validateUpdate(document, null);
    }

    /**
     * Everything the server would refuse in an update from {@code old} to {@code updated} (transition
     * rules included), and every member it would drop. Members equal to their old value are ratcheted
     * as by kube-apiserver 1.30+: no schema errors, no errors of rules without {@code oldSelf}.
     *
     * @param updated the new Backend
     * @param old     the Backend stored now
     * @return the violations
     */
    public List<Violation> validateUpdate(Backend updated, Backend old) {
        return validateUpdate(BackendJson.toTree(updated), BackendJson.toTree(Objects.requireNonNull(old, "old")));
    }

    /**
     * @param updated the new document
     * @param old     the stored document, or {@code null} for a create
     * @return the violations
     */
    public List<Violation> validateUpdate(JsonNode updated, @Nullable JsonNode old) {
        Objects.requireNonNull(updated, "updated");
        List<Violation> out = new ArrayList<>();
        JsonNode normalized = Normalizer.normalize(updated, schema, statusSubresource, out);
        JsonNode oldNormalized = old == null ? null : Normalizer.normalize(old, schema, statusSubresource, null);
        List<Violation> errors = new ArrayList<>();
        ObjectMetaRules.check(updated, errors);
        SchemaValidator.validate(normalized, oldNormalized, schema, statusSubresource, errors);
        if (!hasRules) {
            // no CEL validator at all: nothing to skip, nothing to say
        } else if (SchemaValidator.blocksRules(errors)) {
            errors.add(KubeErrors.rulesNotChecked()); // as kube-apiserver: no CEL rule runs on a mistyped or incomplete object
        } else {
            SchemaValidator.validateRules(normalized, oldNormalized, schema, statusSubresource, errors);
        }
        out.addAll(errors);
        KgatewayLimits.check(normalized, out);
        return out;
    }

    /**
     * @param backend the Backend to create
     * @throws InvalidBackendException listing every violation, when there is one
     */
    public void validateOrThrow(Backend backend) {
        List<Violation> violations = validate(backend);
        if (!violations.isEmpty()) {
            throw new InvalidBackendException(violations);
        }
    }

    /**
     * The Backend as the server would store it: pruned of undeclared members, with every
     * {@code default} of the schema applied to missing members, recursively.
     *
     * @param backend a Backend
     * @return the stored form (a new Backend)
     */
    public Backend withDefaults(Backend backend) {
        return BackendJson.fromTree(withDefaults(BackendJson.toTree(backend)));
    }

    /**
     * @param document a Backend document (not changed)
     * @return a new tree: pruned and defaulted
     */
    public JsonNode withDefaults(JsonNode document) {
        return Normalizer.normalize(Objects.requireNonNull(document, "document"), schema, false, null).deepCopy();
    }

    @Override
    public String toString() {
        return "CrdValidator[" + crdName + "/" + version + "]";
    }
}

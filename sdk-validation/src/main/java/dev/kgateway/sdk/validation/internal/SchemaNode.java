package dev.kgateway.sdk.validation.internal;

import com.google.re2j.Pattern;

import java.util.List;
import java.util.Map;

import javax.annotation.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * One node of a compiled structural schema: every keyword kube-apiserver checks, its children, its
 * compiled CEL rules. Immutable once {@link SchemaCompiler} has built it.
 */
public final class SchemaNode {
    @Nullable String type;
    boolean nullable;
    boolean intOrString;
    boolean preserveUnknownFields;
    boolean embeddedResource;
    @Nullable String format;
    @Nullable List<JsonNode> enumValues;
    @Nullable Pattern pattern;
    @Nullable String patternSource;
    @Nullable Long minLength;
    @Nullable Long maxLength;
    @Nullable Double minimum;
    @Nullable Double maximum;
    boolean exclusiveMinimum;
    boolean exclusiveMaximum;
    @Nullable Double multipleOf;
    @Nullable Long minItems;
    @Nullable Long maxItems;
    boolean uniqueItems;
    @Nullable Long minProperties;
    @Nullable Long maxProperties;
    List<String> required = List.of();
    Map<String, SchemaNode> properties = Map.of();
    @Nullable SchemaNode additionalProperties;
    @Nullable SchemaNode items;
    @Nullable String listType;
    List<String> listMapKeys = List.of();
    @Nullable JsonNode defaultValue;
    List<CelRule> rules = List.of();

    SchemaNode() {
    }

    /** @return the declared property schema, or {@code null} */
    @Nullable
    public SchemaNode property(String name) {
        return properties.get(name);
    }

    /** @return the schema of this node's map values, or {@code null} */
    @Nullable
    public SchemaNode additionalProperties() {
        return additionalProperties;
    }

    /** @return the items' schema, or {@code null} */
    @Nullable
    public SchemaNode items() {
        return items;
    }

    /** @return the compiled CEL rules of this node */
    public List<CelRule> rules() {
        return rules;
    }

    /** @return the declared properties */
    public Map<String, SchemaNode> properties() {
        return properties;
    }

    /**
     * @return whether this node or one below it has an {@code x-kubernetes-validations} rule (kube-apiserver builds
     *         no CEL validator for a schema without one, and then never reports rules as not checked)
     */
    public boolean hasRules() {
        if (!rules.isEmpty()) {
            return true;
        }
        for (SchemaNode p : properties.values()) {
            if (p.hasRules()) {
                return true;
            }
        }
        return (additionalProperties != null && additionalProperties.hasRules()) || (items != null && items.hasRules());
    }
}

package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsonschema2pojo.Schema;
import org.jsonschema2pojo.rules.RuleFactory;
import org.jsonschema2pojo.JsonPointerUtils;

/** Schema navigation shared by the rules: child schemas the way jsonschema2pojo names them, and {@code $ref}s. */
final class SchemaResolver {

    private final RuleFactory factory;

    SchemaResolver(RuleFactory factory) {
        this.factory = factory;
    }

    /** The schema of {@code properties/<name>} under {@code schema}, created the way PropertyRule does. */
    Schema propertySchema(Schema schema, String name) {
        return child(schema, "properties/" + JsonPointerUtils.encodeReferenceToken(name));
    }

    Schema child(Schema schema, String relativePointer) {
        String path = schema.getId() == null || schema.getId().getFragment() == null
                ? "#/" + relativePointer
                : "#" + schema.getId().getFragment() + "/" + relativePointer;
        return factory.getSchemaStore().create(schema, path, factory.getGenerationConfig().getRefFragmentPathDelimiters());
    }

    /** The node itself, or the node its {@code $ref} chain ends at. */
    JsonNode resolve(JsonNode node, Schema schema) {
        JsonNode current = node;
        Schema at = schema;
        while (current.has("$ref")) {
            at = factory.getSchemaStore().create(at, current.get("$ref").asText(), factory.getGenerationConfig().getRefFragmentPathDelimiters());
            current = at.getContent();
        }
        return current;
    }

    static String location(Schema schema, String nodeName) {
        return schema == null || schema.getId() == null ? nodeName : schema.getId().toString();
    }
}

package dev.kgateway.sdk.codegen.crd;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the CustomResourceDefinition of the schema's root type, so that the model jar carries
 * exactly the schema it was generated from.
 *
 * <pre>{@code java dev.kgateway.sdk.codegen.crd.CrdGenerator schema/backend.json target/crd.yaml}</pre>
 */
public final class CrdGenerator {

    private CrdGenerator() {
    }

    /**
     * @param args the schema file and the CRD file to write
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CrdGenerator <schema.json> <crd.yaml>");
        }
        Path schema = Path.of(args[0]);
        Path output = Path.of(args[1]);
        ObjectMapper json = JsonMapper.builder().build();
        ObjectNode crd = new CrdBuilder().build(json.readTree(schema.toFile()));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, "# Generated from " + schema.getFileName() + " by kgateway-sdk-codegen. Do not edit.\n" + toYaml(crd));
    }

    /**
     * @param crd the CRD document
     * @return the CRD as YAML, keys in the order they were added
     */
    public static String toYaml(JsonNode crd) {
        YAMLMapper yaml = YAMLMapper.builder()
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .build();
        return yaml.writeValueAsString(crd);
    }
}

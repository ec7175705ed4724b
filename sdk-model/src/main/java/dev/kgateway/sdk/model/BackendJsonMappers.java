package dev.kgateway.sdk.model;

import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NumericNode;
import tools.jackson.databind.node.ValueNode;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import static dev.kgateway.sdk.model.BackendJson.MAX_DOCUMENT_LENGTH;
import static dev.kgateway.sdk.model.BackendJson.MAX_NESTING_DEPTH;
import static dev.kgateway.sdk.model.BackendJson.MAX_STRING_LENGTH;
import static dev.kgateway.sdk.model.BackendJson.MAX_TOKEN_COUNT;

/** The Jackson mappers and readers of {@link BackendJson}, configured once. */
final class BackendJsonMappers {

    /** {@link BackendJson#jsonMapper()}: documents up to 64 MiB and 5 million tokens (a list of 10,000 Backends has 2.5 million). */
    private static final long MAPPER_MAX_DOCUMENT_LENGTH = 64L * 1024 * 1024;
    private static final long MAPPER_MAX_TOKEN_COUNT = 5_000_000L;

    /**
     * Characters the YAML parser buffers at a time. snakeyaml-engine copies everything it holds at
     * each refill, so a long scalar costs time quadratic in its length over this size: with the
     * default of 1024 a 3 MB single-line scalar took 4 to 5 seconds, with 64 Ki 0.1 to 0.3 s.
     */
    private static final int YAML_BUFFER_SIZE = 64 * 1024;

    static final JsonMapper JSON = jsonMapper(MAPPER_MAX_DOCUMENT_LENGTH, MAPPER_MAX_TOKEN_COUNT);
    static final JsonMapper JSON_DOCUMENTS = jsonMapper(MAX_DOCUMENT_LENGTH, MAX_TOKEN_COUNT);

    /**
     * Jackson's YAML parser counts the characters it reads against the document length, before
     * snakeyaml buffers them: snakeyaml's own per-document limit (the same 3 MiB by default) is only
     * checked after a whole scalar is buffered, so a 50 MB scalar would be read in full first.
     */
    static final YAMLMapper YAML = strictScalars(YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new BackendJsonYamlQuoting())
                    .streamReadConstraints(limits(MAX_DOCUMENT_LENGTH, MAX_TOKEN_COUNT))
                    .loadSettings(LoadSettings.builder()
                            .setBufferSize(YAML_BUFFER_SIZE)
                            .setCodePointLimit((int) MAX_DOCUMENT_LENGTH + YAML_BUFFER_SIZE)
                            .build())
                    .build()))
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // Without it an AWS account ID "123456789012" (or "000000000000") is written unquoted,
            // and kubectl / any YAML reader takes it for a number.
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    /** The read methods' readers: duplicate member names are an error. */
    static final ObjectReader JSON_BACKEND = JSON_DOCUMENTS.readerFor(Backend.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    static final ObjectReader YAML_TREES = YAML.readerFor(JsonNode.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private BackendJsonMappers() {
    }

    private static StreamReadConstraints limits(long documentLength, long tokenCount) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxDocumentLength(documentLength)
                .maxTokenCount(tokenCount)
                .build();
    }


    private static JsonMapper jsonMapper(long documentLength, long tokenCount) {
        return strictScalars(JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
                        .streamReadConstraints(limits(documentLength, tokenCount)).build()))
                .nodeFactory(new ParsedNumberNodeFactory())
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /**
     * Makes {@link BackendJson#toTree} build the same nodes as parsing the JSON text: a {@code long}
     * member (such as {@code metadata.generation}) that fits an {@code int} becomes an {@code IntNode},
     * as the parser reads {@code 0}, not a {@code LongNode}, which is never equal to one.
     */
    private static final class ParsedNumberNodeFactory extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public NumericNode numberNode(long value) {
            return value == (int) value ? super.numberNode((int) value) : super.numberNode(value);
        }

        @Override
        public ValueNode numberNode(Long value) {
            return value == null ? nullNode() : numberNode(value.longValue());
        }
    }

    /**
     * No scalar coercion: a number where a string belongs, a string where a number or boolean
     * belongs, or a fraction where an integer belongs is a wrong JSON type (as for the API server),
     * not silently converted. Jackson's defaults would read {@code "port": 1.5} as 1 and
     * {@code "port": "80"} as 80, so what is written back would differ from what was read.
     */
    private static <B extends MapperBuilder<?, B>> B strictScalars(B builder) {
        return builder
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }
}

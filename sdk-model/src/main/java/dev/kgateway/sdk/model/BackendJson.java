package dev.kgateway.sdk.model;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.MappingIterator;
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
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

import javax.annotation.Nullable;

/**
 * Reads and writes Backends as JSON and YAML, with Jackson 3 mappers configured for the model.
 *
 * <pre>{@code
 * List<Backend> backends = BackendJson.readAll(Path.of("backends.yaml")); // multi-document, like kubectl apply -f
 * Backend one = BackendJson.fromJson("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\"}");
 * String yaml = BackendJson.toYaml(backends);
 * }</pre>
 *
 * <p>Reading is lossless and tolerant: members the schema does not know are kept, unknown enum
 * values too, and schema rules are not enforced (call {@link Backend#validate()} for that). Reading
 * fails only on malformed documents or a wrong JSON type, with a {@link BackendReadException} that
 * names the path.
 *
 * <h2>Limits of the read methods</h2>
 * Every read method ({@code fromJson}, {@code fromYaml}, {@code readAll}) is safe on untrusted
 * input: it returns Backends or throws {@link BackendReadException}, in time and memory bounded by
 * these limits, whatever the input holds.
 * <ul>
 *   <li>Input of one call (a JSON document, or a whole YAML stream): {@value #MAX_DOCUMENT_LENGTH}
 *       bytes or characters, the API server's limit for a request body. A larger input fails as
 *       soon as that much has been read.</li>
 *   <li>Nesting depth of objects and arrays: {@value #MAX_NESTING_DEPTH} (a Backend needs 8).</li>
 *   <li>Length of a string or member name: {@value #MAX_STRING_LENGTH} characters.</li>
 *   <li>{@value #MAX_TOKEN_COUNT} tokens (names, values and brackets), which bounds the tree the
 *       input becomes and the YAML parser's work (a Backend has about 100 tokens, so a stream holds
 *       some 2,500 Backends).</li>
 *   <li>YAML: {@value #MAX_YAML_DOCUMENTS} documents per stream, empty ones included.</li>
 *   <li>YAML aliases ({@code *name}) are rejected. Jackson does not expand them (it would read an
 *       alias as the anchor's name, silently changing the value), so a document that uses them
 *       cannot be read faithfully; rejecting them also rules out alias bombs ("billion laughs").
 *       Anchors alone ({@code &name}) are fine. YAML tags ({@code !!java...}) never create
 *       objects: values are read as JSON values only.</li>
 *   <li>Duplicate member names in one object are rejected (as {@code kubectl} does), in JSON and
 *       YAML: a reader that keeps the first and one that keeps the last would see different
 *       Backends in the same document.</li>
 * </ul>
 * Measured on the costliest inputs these limits admit (ReliabilityHostileDocumentsTest): a read
 * ends within about 0.6 s and allocates at most about 310 MB of short-lived objects (YAML; JSON
 * far less), and a 50 MB input fails after its first 3 MiB.
 *
 * <p>The shared {@link #jsonMapper()} serves other uses, such as reading a list of thousands of
 * Backends, with looser limits (see there); {@link #yamlMapper()} has the limits above. Neither
 * checks aliases or duplicates: the read methods add those per read.
 */
public final class BackendJson {

    /** Largest input of one read method call (a JSON document or a whole YAML stream), in bytes or characters: 3 MiB. */
    public static final long MAX_DOCUMENT_LENGTH = 3L * 1024 * 1024;
    /** Deepest nesting of objects and arrays a document may have. */
    public static final int MAX_NESTING_DEPTH = 200;
    /** Longest string value or name, in characters. */
    public static final int MAX_STRING_LENGTH = 10 * 1024 * 1024;
    /**
     * Most tokens (member names, values, brackets) the input of one read method call may have. The
     * YAML parser spends about 3 microseconds and allocates about 1 KB per token: a million tokens
     * (possible in 3 MiB) took 3 s and 900 MB of allocations, this bound a fourth of that.
     */
    public static final long MAX_TOKEN_COUNT = 250_000L;

    /** {@link #jsonMapper()}: documents up to 64 MiB and 5 million tokens (a list of 10,000 Backends has 2.5 million). */
    private static final long MAPPER_MAX_DOCUMENT_LENGTH = 64L * 1024 * 1024;
    private static final long MAPPER_MAX_TOKEN_COUNT = 5_000_000L;

    /** Most documents (empty ones included) one YAML stream may have. */
    public static final int MAX_YAML_DOCUMENTS = 10_000;

    /**
     * Characters the YAML parser buffers at a time. snakeyaml-engine copies everything it holds at
     * each refill, so a long scalar costs time quadratic in its length over this size: with the
     * default of 1024 a 3 MB single-line scalar took 4 to 5 seconds, with 64 Ki 0.1 to 0.3 s.
     */
    private static final int YAML_BUFFER_SIZE = 64 * 1024;

    private static final JsonMapper JSON = jsonMapper(MAPPER_MAX_DOCUMENT_LENGTH, MAPPER_MAX_TOKEN_COUNT);
    private static final JsonMapper JSON_DOCUMENTS = jsonMapper(MAX_DOCUMENT_LENGTH, MAX_TOKEN_COUNT);

    /**
     * Jackson's YAML parser counts the characters it reads against the document length, before
     * snakeyaml buffers them: snakeyaml's own per-document limit (the same 3 MiB by default) is only
     * checked after a whole scalar is buffered, so a 50 MB scalar would be read in full first.
     */
    private static final YAMLMapper YAML = strictScalars(YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new YamlQuoting())
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
                .addModule(module())
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /**
     * The model's generated deserializers as a Jackson module: one per model type, reading tokens
     * straight into the type's builder (no intermediate object, no reflection), unknown members
     * kept in document order. {@link #jsonMapper()} has it; install it in a mapper of your own:
     *
     * <pre>{@code
     * JsonMapper mapper = JsonMapper.builder().addModule(BackendJson.module()).build();
     * Backend b = mapper.readValue(json, Backend.class);
     * }</pre>
     *
     * Without it Jackson reads the model through Immutables' JSON delegate, which is correct but
     * slower. The module does not add the read methods' limits or duplicate-name checks: those are
     * parser settings ({@code StreamReadConstraints}, {@code STRICT_DUPLICATE_DETECTION}).
     *
     * @return a new module holding the generated deserializers
     */
    public static JacksonModule module() {
        SimpleModule module = new SimpleModule("kgateway-model-deserializers");
        ModelDeserializers.addTo(module);
        return module;
    }

    /**
     * The generated deserializer of {@link Backend}, for code that reads Backends inside another
     * mapper's deserializer (such as a Kubernetes client's) without installing {@link #module()}.
     *
     * @return the shared, stateless deserializer
     */
    public static ValueDeserializer<Backend> backendDeserializer() {
        return BackendDeserializer.INSTANCE;
    }

    /**
     * The generated deserializer of {@link Backend} with decode options, for a mapper whose reads
     * cannot carry {@link DecodeOptions#applyTo attributes} (such as a Kubernetes client's informer
     * cache, with {@link DecodeOptions#stripManagedFields()}).
     *
     * @param options how to read
     * @return a stateless deserializer applying {@code options} to each Backend it reads
     */
    public static ValueDeserializer<Backend> backendDeserializer(DecodeOptions options) {
        if (!options.stripsManagedFields()) {
            return BackendDeserializer.INSTANCE;
        }
        return new ValueDeserializer<Backend>() {
            @Override
            public Backend deserialize(JsonParser p, tools.jackson.databind.DeserializationContext ctxt) {
                Object before = ctxt.getAttribute(DecodeOptions.class);
                ctxt.setAttribute(DecodeOptions.class, options);
                try {
                    return BackendDeserializer.INSTANCE.deserialize(p, ctxt);
                } finally {
                    ctxt.setAttribute(DecodeOptions.class, before);
                }
            }
        };
    }

    /**
     * Makes {@link #toTree} build the same nodes as parsing the JSON text: a {@code long} member
     * (such as {@code metadata.generation}) that fits an {@code int} becomes an {@code IntNode},
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
     * Quotes what snakeyaml would not read back as written: Jackson's default check leaves a string
     * that starts with U+0085 (NEL) unquoted, and YAML reads that plain scalar as a line break,
     * so a string of that one character came back as {@code null}.
     */
    private static final class YamlQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || hasLineBreakLike(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || hasLineBreakLike(value);
        }

        private static boolean hasLineBreakLike(String text) {
            return text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0;
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

    /** The read methods' readers: duplicate member names are an error. */
    private static final ObjectReader JSON_BACKEND = JSON_DOCUMENTS.readerFor(Backend.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectReader YAML_TREES = YAML.readerFor(JsonNode.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private BackendJson() {
    }

    /**
     * The shared JSON mapper, for uses beyond the read methods (such as a list of thousands of
     * Backends): documents up to 64 MiB and 5 million tokens, nesting and string limits as above.
     *
     * @return the mapper (thread-safe); reconfigure a copy with {@code rebuild()}
     */
    public static JsonMapper jsonMapper() {
        return JSON;
    }

    /**
     * The shared YAML mapper, with the limits of the read methods but without their alias and
     * duplicate checks.
     *
     * @return the mapper (thread-safe); reconfigure a copy with {@code rebuild()}
     */
    public static YAMLMapper yamlMapper() {
        return YAML;
    }

    /**
     * @param json a JSON document holding one Backend
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(String json) {
        return present(read(() -> JSON_BACKEND.readValue(json)));
    }

    /**
     * @param json a UTF-8 JSON document holding one Backend
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(byte[] json) {
        return present(read(() -> JSON_BACKEND.readValue(json)));
    }

    /**
     * @param json    a UTF-8 JSON document holding one Backend
     * @param options how to read, e.g. {@link DecodeOptions#stripManagedFields()} for a read-only cache
     * @return the Backend, never {@code null}
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(byte[] json, DecodeOptions options) {
        return present(read(() -> options.applyTo(JSON_BACKEND).readValue(json)));
    }

    /**
     * @param json a JSON document holding one Backend; read to its end but not closed
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(InputStream json) {
        return present(read(() -> JSON_BACKEND.without(StreamReadFeature.AUTO_CLOSE_SOURCE).readValue(json)));
    }

    /**
     * @param tree a JSON tree holding one Backend, at most {@value #MAX_NESTING_DEPTH} levels deep
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when a member has the wrong JSON type or the tree is too deep
     */
    public static Backend fromTree(JsonNode tree) {
        checkDepth(tree);
        return present(read(() -> JSON_DOCUMENTS.treeToValue(tree, Backend.class)));
    }

    /**
     * A tree does not pass through a parser, so the nesting limit is checked here: a tree 10,000
     * levels deep was read into a Backend whose {@code equals} and {@code hashCode} then overflowed
     * the stack.
     */
    private static void checkDepth(@Nullable JsonNode tree) {
        if (tree == null || !tree.isContainer()) {
            return;
        }
        Deque<Level> pending = new ArrayDeque<>();
        pending.push(new Level(tree, 1, null, ""));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            if (level.depth > MAX_NESTING_DEPTH) {
                throw new BackendReadException("document exceeds a size limit (nesting depth " + MAX_NESTING_DEPTH + ")", level.path());
            }
            if (level.node.isObject()) {
                for (var member : level.node.properties()) {
                    if (member.getValue().isContainer()) {
                        pending.push(new Level(member.getValue(), level.depth + 1, level, "." + member.getKey()));
                    }
                }
            } else {
                for (int i = 0; i < level.node.size(); i++) {
                    if (level.node.get(i).isContainer()) {
                        pending.push(new Level(level.node.get(i), level.depth + 1, level, "[" + i + "]"));
                    }
                }
            }
        }
    }

    /** A container of a tree being checked, with how it was reached. */
    private record Level(JsonNode node, int depth, @Nullable Level parent, String segment) {
        String path() {
            StringBuilder out = new StringBuilder();
            for (Level l = this; l != null; l = l.parent) {
                out.insert(0, l.segment);
            }
            return out.length() > 0 && out.charAt(0) == '.' ? out.substring(1) : out.toString();
        }
    }

    /** Jackson maps a JSON {@code null} document to a {@code null} value; for a Backend reader that is an error. */
    private static Backend present(Backend backend) {
        if (backend == null) {
            throw new BackendReadException("document is null, expected a Backend object", "");
        }
        return backend;
    }

    /**
     * @param yaml a YAML (or JSON) document holding exactly one Backend
     * @return the Backend
     * @throws BackendReadException when the document is malformed or holds no or several Backends
     */
    public static Backend fromYaml(String yaml) {
        List<Backend> all = readAll(yaml);
        if (all.size() != 1) {
            throw new BackendReadException("expected one Backend document, found " + all.size(), "");
        }
        return all.get(0);
    }

    /**
     * Reads every Backend of a multi-document YAML stream (documents separated by {@code ---}, as
     * {@code kubectl apply -f} accepts; JSON is fine too). Empty documents are skipped; a document of
     * another kind is an error that names it.
     *
     * @param yaml the documents
     * @return the Backends, in document order
     * @throws BackendReadException naming the document and path that could not be read
     */
    public static List<Backend> readAll(String yaml) {
        return readDocuments(() -> YAML_TREES.createParser(yaml));
    }

    /**
     * @param yaml the documents, UTF-8; read to the end (or to {@link #MAX_DOCUMENT_LENGTH} bytes and
     *             one more) but not closed
     * @return the Backends, in document order
     * @throws UncheckedIOException when the stream cannot be read
     * @see #readAll(String)
     */
    public static List<Backend> readAll(InputStream yaml) {
        // Decoded here, not by Jackson's UTF8Reader: that hands snakeyaml at most about 8,000
        // characters per read, and snakeyaml copies everything it buffers at each read, so a 3 MB
        // scalar allocated 2.4 GB. From a String it gets full 64 Ki chunks.
        return readAll(utf8(bounded(yaml)));
    }

    /** Reads at most one byte more than the limit: enough to know the input is too long. */
    private static byte[] bounded(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) MAX_DOCUMENT_LENGTH + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the YAML input", e);
        }
        if (bytes.length > MAX_DOCUMENT_LENGTH) {
            throw sizeLimit(" (after " + MAX_DOCUMENT_LENGTH + " bytes or characters)", "");
        }
        return bytes;
    }

    /** Strict UTF-8: a malformed byte is a read error at its offset, not a silent U+FFFD. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new BackendReadException("document is not well-formed JSON/YAML: invalid UTF-8 (at byte " + in.position() + ")", "");
        }
        return out.flip().toString();
    }

    private static BackendReadException sizeLimit(String location, String path) {
        return new BackendReadException("document exceeds a size limit" + location + " (input length " + MAX_DOCUMENT_LENGTH
                + ", nesting depth " + MAX_NESTING_DEPTH + ", string length " + MAX_STRING_LENGTH + ", tokens " + MAX_TOKEN_COUNT
                + ", YAML documents " + MAX_YAML_DOCUMENTS + ")", path);
    }

    /**
     * @param file a YAML (or JSON) file of one or more documents
     * @return the Backends, in document order
     * @throws UncheckedIOException when the file cannot be read
     * @see #readAll(String)
     */
    public static List<Backend> readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * @param backend the Backend
     * @return the Backend as compact JSON
     */
    public static String toJson(Backend backend) {
        return JSON.writeValueAsString(backend);
    }

    /**
     * @param backend the Backend
     * @return the Backend as indented JSON
     */
    public static String toPrettyJson(Backend backend) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(backend);
    }

    /**
     * @param backend the Backend
     * @return the Backend as a JSON tree
     */
    public static JsonNode toTree(Backend backend) {
        return JSON.valueToTree(backend);
    }

    /**
     * @param backend the Backend
     * @return the Backend as one YAML document
     */
    public static String toYaml(Backend backend) {
        return YAML.writeValueAsString(backend);
    }

    /**
     * @param backends the Backends
     * @return the Backends as a multi-document YAML stream, separated by {@code ---}
     */
    public static String toYaml(Collection<Backend> backends) {
        StringBuilder out = new StringBuilder();
        for (Backend backend : backends) {
            out.append("---\n").append(YAML.writeValueAsString(backend));
        }
        return out.toString();
    }

    private static List<Backend> readDocuments(ReadAction<JsonParser> open) {
        List<Backend> out = new ArrayList<>();
        int document = 0;
        try (JsonParser parser = new AliasRejectingParser(read(open));
             MappingIterator<JsonNode> documents = read(() -> YAML_TREES.readValues(parser))) {
            while (read(documents::hasNextValue, parser)) {
                document++;
                if (document > MAX_YAML_DOCUMENTS) {
                    throw sizeLimit(" (at document " + document + ")", "");
                }
                JsonNode tree = read(documents::nextValue, parser);
                if (tree == null || tree.isNull() || tree.isMissingNode()) {
                    continue;
                }
                if (!tree.isObject()) {
                    throw new BackendReadException("document " + document + " is not an object", "");
                }
                JsonNode kind = tree.get("kind");
                if (kind != null && !Backend.KIND.equals(kind.asString(""))) {
                    throw new BackendReadException("document " + document + " has " + describeKind(kind)
                            + ", expected " + Backend.KIND, "kind");
                }
                try {
                    out.add(fromTree(tree));
                } catch (BackendReadException e) {
                    throw new BackendReadException("document " + document + ": " + e.getMessage(), e.getPath());
                }
            }
        }
        return out;
    }

    /** Kubernetes kinds are CamelCase names ("Secret", "HTTPRoute"); anything else is not quoted. */
    private static final java.util.regex.Pattern KIND_NAME = java.util.regex.Pattern.compile("[A-Z][A-Za-z0-9]{0,62}");

    /**
     * Names the kind only when it looks like one: a document's kind is content too, and a value
     * that is no kind name (a pasted token, say) must not reach the message.
     */
    private static String describeKind(JsonNode kind) {
        String value = kind.isString() ? kind.asString() : "";
        boolean kindName = KIND_NAME.matcher(value).matches() && !value.equals(value.toUpperCase(java.util.Locale.ROOT));
        return kindName ? "kind " + value : "a kind that is not a Kubernetes kind name";
    }

    @FunctionalInterface
    private interface ReadAction<T> {
        T run();
    }

    private static <T> T read(ReadAction<T> action) {
        return read(action, null);
    }

    /**
     * Runs a Jackson read and maps its failures to {@link BackendReadException}.
     *
     * @param parser the parser reading, whose position locates failures that carry none (the YAML
     *               parser's limit checks), or {@code null}
     */
    private static <T> T read(ReadAction<T> action, @Nullable JsonParser parser) {
        try {
            return action.run();
        } catch (StreamConstraintsException e) {
            // some limits (a string's length, the token count) are checked where no position is
            // known: the read covers one document, so name that
            String where = location(e, parser);
            throw sizeLimit(where.isEmpty() ? " (in document 1)" : where, path(e));
        } catch (YamlAliasException e) {
            throw new BackendReadException("YAML aliases (*name) are not supported" + location(e)
                    + ": write the value out instead of referring to an anchor", path(e));
        } catch (InputCoercionException e) {
            // A well-formed number that does not fit the member's Java type (a port of 99999999999).
            String path = path(e);
            throw new BackendReadException("cannot read Backend at " + (path.isEmpty() ? "the document root" : path)
                    + location(e) + ": number out of range for this member", path);
        } catch (StreamReadException e) {
            if (isDuplicate(e)) {
                String path = path(e).isEmpty() && e.processor() != null ? objectPath(e.processor().streamReadContext()) : path(e);
                throw new BackendReadException("duplicate member name in " + (path.isEmpty() ? "the document root" : path)
                        + location(e) + ": each name may appear once per object", path);
            }
            throw new BackendReadException("document is not well-formed JSON/YAML" + location(e), path(e));
        } catch (JacksonIOException e) {
            // Jackson's readers for UTF-16 and UTF-32 input report undecodable bytes as I/O errors
            if (ErrorCauses.has(e, CharConversionException.class)) {
                java.util.regex.Matcher at = DECODER_POSITION.matcher(String.valueOf(ErrorCauses.find(e, CharConversionException.class).getMessage()));
                throw new BackendReadException("document is not well-formed JSON/YAML: invalid character encoding"
                        + (at.find() ? " (at byte " + at.group(2) + ")" : location(e)), path(e));
            }
            throw new BackendReadException("the input could not be read" + location(e) + ": "
                    + (e.getCause() == null ? "I/O error" : e.getCause().getClass().getSimpleName()), path(e));
        } catch (JacksonException e) {
            String path = path(e);
            throw new BackendReadException("cannot read Backend at " + (path.isEmpty() ? "the document root" : path)
                    + location(e) + ": " + describe(e), path);
        }
    }

    /** JSON path of the object or array {@code context} is reading, from the parser's own state. */
    private static String objectPath(TokenStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (TokenStreamContext parent = context.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.inObject() && parent.currentName() != null) {
                segments.add(0, "." + parent.currentName());
            } else if (parent.inArray()) {
                segments.add(0, "[" + parent.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** Looks through a chain of causes. */
    private static final class ErrorCauses {
        static boolean has(Throwable e, Class<? extends Throwable> type) {
            return find(e, type) != null;
        }

        @Nullable
        static Throwable find(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Jackson reports a duplicate name only by its message ("Duplicate Object property ..."). */
    private static boolean isDuplicate(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate ");
    }

    /** Thrown at a YAML alias, which Jackson would read as the anchor's name instead of its value. */
    private static final class YamlAliasException extends StreamReadException {
        private static final long serialVersionUID = 1L;

        YamlAliasException(JsonParser p) {
            super(p, "YAML alias");
        }
    }

    /** Fails at the first YAML alias; every other call goes straight to the YAML parser. */
    private static final class AliasRejectingParser extends JsonParserDelegate {

        AliasRejectingParser(JsonParser yaml) {
            super(yaml);
        }

        private <T> T checked(T result) {
            if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new YamlAliasException(this);
            }
            return result;
        }

        @Override
        public JsonToken nextToken() {
            return checked(delegate.nextToken());
        }

        @Override
        public JsonToken nextValue() {
            return checked(delegate.nextValue());
        }

        @Override
        public String nextName() {
            return checked(delegate.nextName());
        }

        @Override
        public boolean nextName(SerializableString name) {
            return checked(delegate.nextName(name));
        }

        @Override
        public int nextNameMatch(PropertyNameMatcher matcher) {
            return checked(delegate.nextNameMatch(matcher));
        }
    }

    /** JSON path from Jackson's reference chain: {@code spec.static.hosts[0].port}. */
    static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * Where reading stopped: the exception's location, else the parser's; for the input length
     * limit, which Jackson checks outside the parser, the offset of the limit.
     */
    private static String location(JacksonException e) {
        return location(e, null);
    }

    private static String location(JacksonException e, @Nullable JsonParser reading) {
        TokenStreamLocation at = e.getLocation();
        if ((at == null || at.getLineNr() < 0) && e.processor() instanceof JsonParser parser) {
            at = parser.currentLocation();
        }
        if ((at == null || at.getLineNr() < 0) && reading != null) {
            at = reading.currentLocation();
        }
        if (at != null && at.getLineNr() >= 0) {
            return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Document length")) {
            return " (after " + MAX_DOCUMENT_LENGTH + " bytes or characters)";
        }
        return "";
    }

    /** The position in a decoder's message ("... at char #12, byte #51)"), without the offending bytes it also quotes. */
    private static final java.util.regex.Pattern DECODER_POSITION = java.util.regex.Pattern.compile("at char #(\\d+), byte #(\\d+)");

    /** What kind of problem it was, without quoting the document (it may contain secrets). */
    private static String describe(JacksonException e) {
        String type = e.getClass().getSimpleName();
        return switch (type) {
            case "MismatchedInputException", "InvalidFormatException", "InvalidTypeIdException" -> "wrong JSON type for this member";
            case "ValueInstantiationException" -> "a null or invalid element where a value is required";
            case "UnexpectedEndOfInputException", "JsonEOFException" -> "unexpected end of input";
            default -> type.replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        };
    }
}

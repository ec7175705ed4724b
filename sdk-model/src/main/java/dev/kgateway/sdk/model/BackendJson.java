package dev.kgateway.sdk.model;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import static dev.kgateway.sdk.model.BackendJsonErrors.read;

/**
 * Reads and writes Backends as JSON and YAML, with Jackson 3 mappers configured for the model.
 *
 * <pre>{@code
 * List<Backend> backends = BackendJson.readAll(Path.of("backends.yaml"));     // every document a Backend, like kubectl apply -f
 * BackendSelection mixed = BackendJson.selectBackends(Path.of("gitops/app.yaml")); // Backends of a stream with other kinds
 * Backend one = BackendJson.fromYaml(text);                                  // YAML text holding one Backend
 * List<Backend> fromText = BackendJson.readAllFromString(text);              // YAML text, several documents
 * String yaml = BackendJson.toYaml(backends);
 * }</pre>
 *
 * <p>Methods that take a {@code String} take the document's text ({@code fromJson}, {@code fromYaml},
 * {@code readAllFromString}, {@code selectBackendsFromString}); files are read from a {@link Path},
 * never from a {@code String} naming one.
 *
 * <p>Reading is lossless and tolerant: members the schema does not know are kept, unknown enum
 * values too, and schema rules are not enforced (call {@link Backend#validate()} for that). Reading
 * fails only on malformed documents or a wrong JSON type, with a {@link BackendReadException} that
 * names the path.
 *
 * <h2>Streams of several kinds</h2>
 * A YAML stream's documents are Backends when their {@code kind} is {@code Backend} and their
 * {@code apiVersion} is {@value Backend#API_VERSION} (a document with neither counts as a Backend
 * too). A {@code List} ({@code apiVersion: v1}, what {@code kubectl get -o yaml} prints) or a
 * {@code BackendList} is read as its items. The strict readers ({@code readAll}, {@code fromYaml})
 * fail at any other document or item, naming it: another kind, or another project's
 * {@code Backend} such as Envoy Gateway's {@code gateway.envoyproxy.io/v1alpha1}. The selecting
 * readers ({@code selectBackends}) skip those and report each in {@link BackendSelection#skipped()}.
 * Empty documents are skipped by both, without a report. {@code fromJson} and {@code fromTree}
 * read one Backend and do not check its {@code kind} or {@code apiVersion}.
 *
 * <h2>Member order when writing</h2>
 * A Backend is written with the members the schema declares first, in the schema's order (whatever
 * order the source had), then the members it does not know, in the order they were read. A file
 * written by this class and read back, changed and written again differs only where it was changed.
 *
 * <h2>Limits of the read methods</h2>
 * Every read method ({@code fromJson}, {@code fromYaml}, {@code readAll}, {@code selectBackends}) is
 * safe on untrusted input: it returns Backends or throws {@link BackendReadException}, in time and
 * memory bounded by these limits, whatever the input holds.
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
 *   <li>{@code readAll(InputStream)} and {@code selectBackends(InputStream)} decode strict UTF-8:
 *       a malformed byte is a read error naming its offset.</li>
 * </ul>
 * Measured on the costliest inputs these limits admit (ReliabilityHostileDocumentsTest): a read
 * ends within about 0.6 s and allocates at most about 310 MB of short-lived objects (YAML; JSON
 * far less), and a 50 MB input fails after its first 3 MiB.
 *
 * <h2>Writing YAML</h2>
 * A string is written plain only when no common YAML reader (YAML 1.1 ones such as PyYAML and Go's
 * yaml.v2 behind kubectl, or YAML 1.2 ones) would read it as another type: {@code 2024-06-01},
 * {@code 0x1F}, {@code 1_000}, {@code 1:20}, {@code yes}, {@code on}, {@code ~}, {@code .inf},
 * {@code 1e3} and the like are quoted, as values and as member names.
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
    /** Most documents (empty ones included) one YAML stream may have. */
    public static final int MAX_YAML_DOCUMENTS = 10_000;

    private BackendJson() {
    }

    /**
     * The shared JSON mapper, for uses beyond the read methods (such as a list of thousands of
     * Backends): documents up to 64 MiB and 5 million tokens, nesting and string limits as above.
     *
     * @return the mapper (thread-safe); reconfigure a copy with {@code rebuild()}
     */
    public static JsonMapper jsonMapper() {
        return BackendJsonMappers.JSON;
    }

    /**
     * The shared YAML mapper, with the limits of the read methods but without their alias and
     * duplicate checks.
     *
     * @return the mapper (thread-safe); reconfigure a copy with {@code rebuild()}
     */
    public static YAMLMapper yamlMapper() {
        return BackendJsonMappers.YAML;
    }

    /**
     * @param json a JSON document holding one Backend
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(String json) {
        return present(read(() -> BackendJsonMappers.JSON_BACKEND.readValue(json)));
    }

    /**
     * @param json a UTF-8 JSON document holding one Backend
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(byte[] json) {
        return present(read(() -> BackendJsonMappers.JSON_BACKEND.readValue(json)));
    }

    /**
     * @param json    a UTF-8 JSON document holding one Backend
     * @param options how to read, e.g. {@link DecodeOptions#stripManagedFields()} for a read-only cache
     * @return the Backend, never {@code null}
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(byte[] json, DecodeOptions options) {
        return present(read(() -> options.applyTo(BackendJsonMappers.JSON_BACKEND).readValue(json)));
    }

    /**
     * The generated deserializer of {@link Backend} (every Jackson 3 mapper uses it: the model names it
     * with {@code @JsonDeserialize}), for code that reads Backends inside a deserializer of its own,
     * such as a Kubernetes client's wrapper type.
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
        if (!options.stripsAnything()) {
            return BackendDeserializer.INSTANCE;
        }
        return new ValueDeserializer<Backend>() {
            @Override
            public Backend deserialize(tools.jackson.core.JsonParser p, tools.jackson.databind.DeserializationContext ctxt) {
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
     * @param json a JSON document holding one Backend; read to its end but not closed
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when the document is malformed or a member has the wrong JSON type
     */
    public static Backend fromJson(InputStream json) {
        return present(read(() -> BackendJsonMappers.JSON_BACKEND.without(StreamReadFeature.AUTO_CLOSE_SOURCE).readValue(json)));
    }

    /**
     * @param tree a JSON tree holding one Backend, at most {@value #MAX_NESTING_DEPTH} levels deep
     * @return the Backend, never {@code null} (a {@code null} document is a read error)
     * @throws BackendReadException when a member has the wrong JSON type or the tree is too deep
     */
    public static Backend fromTree(JsonNode tree) {
        BackendJsonDepth.check(tree);
        return present(read(() -> BackendJsonMappers.JSON_DOCUMENTS.treeToValue(tree, Backend.class)));
    }

    /** Jackson maps a JSON {@code null} document to a {@code null} value; for a Backend reader that is an error. */
    private static Backend present(Backend backend) {
        if (backend == null) {
            throw new BackendReadException("document is null, expected a Backend object", "");
        }
        return backend;
    }

    /**
     * @param yaml YAML (or JSON) text holding exactly one Backend (not a file name: see {@link #readAll(Path)})
     * @return the Backend
     * @throws BackendReadException when the text is malformed, holds no or several Backends, or a
     *                              document that is not a kgateway Backend
     */
    public static Backend fromYaml(String yaml) {
        List<Backend> all = readAllFromString(yaml);
        if (all.size() != 1) {
            throw new BackendReadException("expected one Backend document, found " + all.size(), "");
        }
        return all.get(0);
    }

    /**
     * Reads every Backend of a multi-document YAML text (documents separated by {@code ---}, as
     * {@code kubectl apply -f} accepts; JSON is fine too). Empty documents are skipped, a
     * {@code List} or {@code BackendList} is read as its items, and any other document (another
     * kind, another project's {@code Backend}) is an error that names it; to skip those instead,
     * use {@link #selectBackendsFromString(String)}.
     *
     * <pre>{@code
     * List<Backend> backends = BackendJson.readAllFromString(Files.readString(file));
     * }</pre>
     *
     * @param yaml the documents' text (not a file name: see {@link #readAll(Path)})
     * @return the Backends, in document order
     * @throws BackendReadException naming the document and path that could not be read
     */
    public static List<Backend> readAllFromString(String yaml) {
        return BackendJsonStreams.readStrict(yaml);
    }

    /**
     * @param yaml the documents, UTF-8; read to the end (or to {@link #MAX_DOCUMENT_LENGTH} bytes and
     *             one more) but not closed
     * @return the Backends, in document order
     * @throws BackendReadException as {@link #readAllFromString(String)}, and at a malformed UTF-8 byte
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static List<Backend> readAll(InputStream yaml) {
        return BackendJsonStreams.readStrict(BackendJsonStreams.text(yaml));
    }

    /**
     * @param file a YAML (or JSON) file of one or more documents, UTF-8
     * @return the Backends, in document order
     * @throws BackendReadException as {@link #readAllFromString(String)}, and at a malformed UTF-8 byte
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<Backend> readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads the Backends of a YAML text that may hold other documents too, as GitOps repositories
     * and {@code kubectl get -o yaml} produce: documents and {@code List} items that are not kgateway
     * Backends are skipped and reported, never silently. A document that is a Backend but cannot
     * be read (a wrong JSON type, a malformed document) is still an error.
     *
     * <pre>{@code
     * BackendSelection read = BackendJson.selectBackendsFromString(text);
     * read.skipped().forEach(s -> log.info("not a kgateway Backend: {}", s));
     * List<Backend> backends = read.backends();
     * }</pre>
     *
     * @param yaml the documents' text (not a file name: see {@link #selectBackends(Path)})
     * @return the Backends and the skipped documents, in stream order
     * @throws BackendReadException naming the document and path that could not be read
     */
    public static BackendSelection selectBackendsFromString(String yaml) {
        return BackendJsonStreams.select(yaml);
    }

    /**
     * @param yaml the documents, UTF-8; read to the end (or to {@link #MAX_DOCUMENT_LENGTH} bytes and
     *             one more) but not closed
     * @return the Backends and the skipped documents, in stream order
     * @throws BackendReadException as {@link #selectBackendsFromString(String)}, and at a malformed UTF-8 byte
     * @throws UncheckedIOException when the stream cannot be read
     * @see #selectBackendsFromString(String)
     */
    public static BackendSelection selectBackends(InputStream yaml) {
        return BackendJsonStreams.select(BackendJsonStreams.text(yaml));
    }

    /**
     * @param file a YAML (or JSON) file of one or more documents of any kinds, UTF-8
     * @return the Backends and the skipped documents, in stream order
     * @throws BackendReadException as {@link #selectBackendsFromString(String)}, and at a malformed UTF-8 byte
     * @throws UncheckedIOException when the file cannot be read
     * @see #selectBackendsFromString(String)
     */
    public static BackendSelection selectBackends(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return selectBackends(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * @param backend the Backend
     * @return the Backend as compact JSON
     */
    public static String toJson(Backend backend) {
        return BackendJsonMappers.JSON.writeValueAsString(backend);
    }

    /**
     * @param backend the Backend
     * @return the Backend as indented JSON
     */
    public static String toPrettyJson(Backend backend) {
        return BackendJsonMappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(backend);
    }

    /**
     * @param backend the Backend
     * @return the Backend as a JSON tree
     */
    public static JsonNode toTree(Backend backend) {
        return BackendJsonMappers.JSON.valueToTree(backend);
    }

    /**
     * @param backend the Backend
     * @return the Backend as one YAML document
     */
    public static String toYaml(Backend backend) {
        return BackendJsonMappers.YAML.writeValueAsString(backend);
    }

    /**
     * @param backends the Backends
     * @return the Backends as a multi-document YAML stream, separated by {@code ---}
     */
    public static String toYaml(Collection<Backend> backends) {
        StringBuilder out = new StringBuilder();
        for (Backend backend : backends) {
            out.append("---\n").append(BackendJsonMappers.YAML.writeValueAsString(backend));
        }
        return out.toString();
    }
}

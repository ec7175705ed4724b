package dev.kgateway.sdk.model;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.kgateway.sdk.model.BackendJson.MAX_DOCUMENT_LENGTH;
import static dev.kgateway.sdk.model.BackendJson.MAX_YAML_DOCUMENTS;
import static dev.kgateway.sdk.model.BackendJsonErrors.read;
import static dev.kgateway.sdk.model.BackendJsonErrors.sizeLimit;

/**
 * Reads the documents of a YAML stream into Backends, within the limits of {@link BackendJson}: the
 * strict way (every document is a Backend or a List of them) or the selecting way (other documents
 * and List items are skipped and reported).
 */
final class BackendJsonStreams {

    private BackendJsonStreams() {
    }

    /** Every document must be a Backend, or a List of Backends; anything else is a read error naming the document. */
    static List<Backend> readStrict(String yaml) {
        List<Backend> out = new ArrayList<>();
        forEachDocument(yaml, (document, tree) -> {
            BackendJsonKinds.Verdict verdict = BackendJsonKinds.classify(tree, false);
            switch (verdict.shape()) {
                case BACKEND -> out.add(backend(document, null, tree));
                case LIST -> {
                    JsonNode items = tree.path("items");
                    for (int i = 0; i < items.size(); i++) {
                        BackendJsonKinds.Verdict item = BackendJsonKinds.classify(items.get(i), true);
                        if (item.shape() != BackendJsonKinds.Shape.BACKEND) {
                            throw new BackendReadException("document " + document + ", item " + i + " " + item.reason(),
                                    item.path().isEmpty() ? "items[" + i + "]" : "items[" + i + "]." + item.path());
                        }
                        out.add(backend(document, i, items.get(i)));
                    }
                }
                default -> throw new BackendReadException("document " + document + " " + verdict.reason(), verdict.path());
            }
        });
        return out;
    }

    /** Backends and Lists' Backend items are read; every other document or item is skipped and reported. */
    static BackendSelection select(String yaml) {
        List<Backend> backends = new ArrayList<>();
        List<SkippedDocument> skipped = new ArrayList<>();
        forEachDocument(yaml, (document, tree) -> {
            BackendJsonKinds.Verdict verdict = BackendJsonKinds.classify(tree, false);
            switch (verdict.shape()) {
                case BACKEND -> backends.add(backend(document, null, tree));
                case LIST -> {
                    JsonNode items = tree.path("items");
                    for (int i = 0; i < items.size(); i++) {
                        BackendJsonKinds.Verdict item = BackendJsonKinds.classify(items.get(i), true);
                        if (item.shape() == BackendJsonKinds.Shape.BACKEND) {
                            backends.add(backend(document, i, items.get(i)));
                        } else {
                            skipped.add(BackendJsonKinds.skipped(document, i, items.get(i), item.reason()));
                        }
                    }
                }
                default -> skipped.add(BackendJsonKinds.skipped(document, null, tree, verdict.reason()));
            }
        });
        return new BackendSelection(backends, skipped);
    }

    private static Backend backend(int document, Integer item, JsonNode tree) {
        try {
            return BackendJson.fromTree(tree);
        } catch (BackendReadException e) {
            String prefix = item == null ? "" : "items[" + item + "]";
            String path = prefix.isEmpty() ? e.getPath() : e.getPath().isEmpty() ? prefix : prefix + "." + e.getPath();
            throw new BackendReadException("document " + document + (item == null ? "" : ", item " + item) + ": " + e.getMessage(), path);
        }
    }

    /** Receives each non-empty document of a stream with its number (from 1, empty documents counted). */
    @FunctionalInterface
    private interface DocumentVisitor {
        void visit(int document, JsonNode tree);
    }

    /**
     * Calls {@code visitor} for every document of the stream that is not empty, in order, and fails
     * at the first YAML alias, duplicate member name, malformed document or exceeded limit.
     */
    private static void forEachDocument(String yaml, DocumentVisitor visitor) {
        int document = 0;
        try (JsonParser parser = new AliasRejectingParser(read(() -> BackendJsonMappers.YAML_TREES.createParser(yaml)));
             MappingIterator<JsonNode> documents = read(() -> BackendJsonMappers.YAML_TREES.readValues(parser))) {
            while (read(documents::hasNextValue, parser)) {
                document++;
                if (document > MAX_YAML_DOCUMENTS) {
                    throw sizeLimit(" (at document " + document + ")", "");
                }
                JsonNode tree = read(documents::nextValue, parser);
                if (tree == null || tree.isNull() || tree.isMissingNode()) {
                    continue;
                }
                visitor.visit(document, tree);
            }
        }
    }

    /**
     * Reads the whole stream, at most one byte more than {@link BackendJson#MAX_DOCUMENT_LENGTH}
     * (enough to know it is too long), and decodes it as strict UTF-8.
     *
     * <p>Decoded here, not by Jackson's UTF8Reader: that hands snakeyaml at most about 8,000
     * characters per read, and snakeyaml copies everything it buffers at each read, so a 3 MB
     * scalar allocated 2.4 GB. From a String it gets full 64 Ki chunks.
     */
    static String text(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) MAX_DOCUMENT_LENGTH + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the YAML input", e);
        }
        if (bytes.length > MAX_DOCUMENT_LENGTH) {
            throw sizeLimit(" (after " + MAX_DOCUMENT_LENGTH + " bytes or characters)", "");
        }
        return utf8(bytes);
    }

    /** Strict UTF-8: a malformed byte is a read error at its offset, not a silent U+FFFD or a cut. */
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

    /** Fails at the first YAML alias; every other call goes straight to the YAML parser. */
    private static final class AliasRejectingParser extends JsonParserDelegate {

        AliasRejectingParser(JsonParser yaml) {
            super(yaml);
        }

        private <T> T checked(T result) {
            if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new BackendJsonErrors.YamlAliasException(this);
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
}

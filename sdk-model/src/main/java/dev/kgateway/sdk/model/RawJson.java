package dev.kgateway.sdk.model;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.StreamWriteCapability;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One JSON value kept as compact UTF-8 text instead of a tree: what the model holds for JSON it
 * carries but does not interpret, such as {@code metadata.managedFields[].fieldsV1} (the API
 * server's record of which fields a manager owns). A tree of a few dozen nested objects costs a few
 * kilobytes of heap; its compact text costs its length.
 *
 * <p>Reading keeps the value's tokens as they were (member order, number text such as {@code 1.50}
 * exactly); writing emits the same bytes, so a value read from compact JSON (as the API server
 * sends it) is written back byte for byte. Two values are equal when their compact text is equal.
 * {@link #asTree()} parses on demand.
 *
 * <pre>{@code
 * RawJson fields = RawJson.of("{\"f:spec\":{\"f:type\":{}}}");
 * JsonNode tree = fields.asTree();                 // a fresh, mutable tree
 * String text = fields.toJson();                   // {"f:spec":{"f:type":{}}}
 * }</pre>
 */
@JsonSerialize(using = RawJson.Serializer.class)
@JsonDeserialize(using = RawJson.Deserializer.class)
public final class RawJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonMapper TREES = JsonMapper.builder().build();

    private static final int NAME_SLOTS = 1024;
    private static final int MAX_CACHED_NAME = 64;
    private static final SerializedString[] NAMES = new SerializedString[NAME_SLOTS];

    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /**
     * @param json one JSON value (object, array, string, number, boolean or null), any formatting
     * @return the value as compact JSON
     * @throws IllegalArgumentException when {@code json} is not exactly one JSON value
     */
    public static RawJson of(String json) {
        Objects.requireNonNull(json, "json");
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("not a JSON value: empty text");
            }
            RawJson value = read(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("not one JSON value: text follows it at " + p.currentTokenLocation().getCharOffset());
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON value: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param tree a JSON tree (not changed, not kept)
     * @return the tree as compact JSON
     */
    public static RawJson of(JsonNode tree) {
        Objects.requireNonNull(tree, "tree");
        return new RawJson(TREES.writeValueAsBytes(tree));
    }

    /**
     * Copies the value at the parser's current token (its start token for an object or array) as
     * compact JSON, leaving the parser at its last token.
     */
    static RawJson read(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.PROPERTY_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY || t == null) {
            throw new IllegalStateException("no JSON value at " + t);
        }
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            copy(p, g);
        }
        return new RawJson(out.toByteArray());
    }

    /**
     * Copies the value at {@code p}'s current token to {@code g}, numbers as their text (Jackson's own
     * copy would write {@code -0} as {@code 0} and {@code 1e3} as {@code 1E+3}).
     */
    private static void copy(JsonParser p, JsonGenerator g) {
        int depth = 0;
        JsonToken t = p.currentToken();
        while (true) {
            switch (t) {
                case START_OBJECT -> {
                    g.writeStartObject();
                    depth++;
                }
                case START_ARRAY -> {
                    g.writeStartArray();
                    depth++;
                }
                case END_OBJECT -> {
                    g.writeEndObject();
                    depth--;
                }
                case END_ARRAY -> {
                    g.writeEndArray();
                    depth--;
                }
                case PROPERTY_NAME -> g.writeName(name(p.currentName()));
                case VALUE_STRING -> g.writeString(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getString());
                case VALUE_TRUE -> g.writeBoolean(true);
                case VALUE_FALSE -> g.writeBoolean(false);
                case VALUE_NULL -> g.writeNull();
                default -> throw new IllegalStateException("cannot copy JSON token " + t);
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }

    /**
     * The member name as a {@link SerializedString}, which a generator writes from its cached UTF-8
     * bytes: the names of {@code fieldsV1} ({@code "f:metadata"}, {@code "."}) repeat in every
     * Backend. A fixed-size, direct-mapped cache of short names; a longer or new name costs one
     * {@code SerializedString}.
     */
    private static SerializableString name(String name) {
        if (name.length() > MAX_CACHED_NAME) {
            return new SerializedString(name);
        }
        int index = name.hashCode() & (NAME_SLOTS - 1);
        SerializedString cached = NAMES[index];
        if (cached != null && cached.getValue().equals(name)) {
            return cached;
        }
        SerializedString created = new SerializedString(name);
        NAMES[index] = created;
        return created;
    }

    /** @return a new tree of this value (changing it does not change this value) */
    public JsonNode asTree() {
        return TREES.readTree(utf8);
    }

    /** @return the compact JSON text */
    public String toJson() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** @return the length of the compact JSON text in UTF-8 bytes */
    public int byteLength() {
        return utf8.length;
    }

    /**
     * Writes the value: its bytes as they are into compact JSON; its tokens into pretty JSON and YAML
     * (numbers as their text); into a generator that cannot write number text (what
     * {@code valueToTree} writes to) its tokens with numbers typed as a JSON parser types them, so the
     * tree equals the one read from the text.
     */
    void writeTo(JsonGenerator g) {
        if (g instanceof JsonGeneratorBase && g.getPrettyPrinter() == null) {
            g.writeRawValue(toJson());
            return;
        }
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), utf8)) {
            p.nextToken();
            if (g.has(StreamWriteCapability.CAN_WRITE_FORMATTED_NUMBERS)) {
                copy(p, g);
            } else {
                g.copyCurrentStructure(p);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof RawJson raw && Arrays.equals(utf8, raw.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    /** @return the size only: the text may hold values that must not reach a log ({@link #toJson()} has them) */
    @Override
    public String toString() {
        return "RawJson[" + utf8.length + " bytes]";
    }

    /** Writes a {@link RawJson} as its JSON value. */
    static final class Serializer extends ValueSerializer<RawJson> {
        @Override
        public void serialize(RawJson value, JsonGenerator g, SerializationContext ctxt) {
            value.writeTo(g);
        }
    }

    /** Reads any JSON value into a {@link RawJson}; JSON {@code null} reads as Java {@code null} (absent), as for every member. */
    static final class Deserializer extends ValueDeserializer<RawJson> {
        @Override
        public RawJson deserialize(JsonParser p, DeserializationContext ctxt) {
            return read(p);
        }
    }
}

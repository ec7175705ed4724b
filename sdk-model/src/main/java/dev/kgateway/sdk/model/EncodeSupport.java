package dev.kgateway.sdk.model;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generated serializers ({@code XSerializer}, one per model type) share: the mapper
 * settings that change what Jackson's bean serializer wrote (member order, map entry order,
 * single-element arrays), string-keyed maps, the unknown members, and values of Java types the
 * generator writes no code for. Every method writes exactly what the bean serializer, and the map,
 * collection and tree serializers it used, wrote for the same value.
 */
final class EncodeSupport {

    private EncodeSupport() {
    }

    /** A member name, encoded once (as Jackson's bean property writers keep theirs). */
    static SerializableString name(String jsonName) {
        return new SerializedString(jsonName);
    }

    /**
     * Whether declared members are written in alphabetical order of their JSON names rather than in
     * schema order: Jackson 3's default; {@link BackendJson}'s mappers turn it off.
     */
    static boolean alphabetical(SerializationContext ctxt) {
        return ctxt.isEnabled(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);
    }

    /**
     * Starts the array of a non-empty list member, unless the mapper writes a one-element list as its
     * element ({@code WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED}).
     *
     * @return whether an array was started (and must be ended)
     */
    static boolean startArray(List<?> list, JsonGenerator g, SerializationContext ctxt) {
        int size = list.size();
        if (size == 1 && ctxt.isEnabled(SerializationFeature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED)) {
            return false;
        }
        g.writeStartArray(list, size);
        return true;
    }

    /** A non-empty {@code Map<String, String>} member's object: entries in map order, or by key under {@code ORDER_MAP_ENTRIES_BY_KEYS}. */
    static void stringMap(Map<String, String> map, JsonGenerator g, SerializationContext ctxt) {
        g.writeStartObject(map);
        // forEach, not entrySet(): the model's compact maps iterate without an entry object per member
        ordered(map, ctxt).forEach((name, value) -> {
            g.writeName(name);
            g.writeString(value);
        });
        g.writeEndObject();
    }

    /** A non-empty map member of any other value type: each value as the mapper writes its Java type. */
    static void map(Map<String, ?> map, JsonGenerator g, SerializationContext ctxt) {
        g.writeStartObject(map);
        ordered(map, ctxt).forEach((name, value) -> {
            g.writeName(name);
            value(value, g, ctxt);
        });
        g.writeEndObject();
    }

    /**
     * The members the schema does not describe, after the declared ones, in the order they were read
     * (or by name under {@code ORDER_MAP_ENTRIES_BY_KEYS}), each value as the JSON it holds.
     */
    static void unknownMembers(Map<String, JsonNode> unknown, JsonGenerator g, SerializationContext ctxt) {
        if (unknown.isEmpty()) {
            return;
        }
        ordered(unknown, ctxt).forEach((name, value) -> {
            g.writeName(name);
            value.serialize(g, ctxt);
        });
    }

    /**
     * A value of a Java type the generator writes no code for (a JSON tree, an untyped value, a type
     * another generator rule adds): through the serializer the mapper has for its class.
     */
    static void value(Object value, JsonGenerator g, SerializationContext ctxt) {
        if (value instanceof JsonNode node) {
            node.serialize(g, ctxt);
        } else {
            ctxt.writeValue(g, value);
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> map, SerializationContext ctxt) {
        if (ctxt.isEnabled(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)) {
            return new TreeMap<>(map);
        }
        return map;
    }
}

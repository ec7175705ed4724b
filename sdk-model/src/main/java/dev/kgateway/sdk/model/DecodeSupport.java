package dev.kgateway.sdk.model;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.annotation.Nullable;

/**
 * What the generated deserializers ({@code XDeserializer}, one per model type) share: reading one
 * scalar, list, map or nested object from the current token, strictly (no coercion: a number where
 * a string belongs is a wrong JSON type, as for the API server), and error paths that name the
 * member ({@code spec.static.hosts[0].port}) as Jackson's own bean deserializers do.
 *
 * <p>Every reader is called with the parser at the member's value token and leaves it at the
 * value's last token. JSON {@code null} for a declared member means "absent".
 *
 * <p>The reading half of the codec support; {@link EncodeSupport} is the writing half. The scalar
 * readers ({@code string}, {@code integer}, ... {@code any}) are the ones the generator's
 * {@code Scalar} table names, the same table the generated serializers write scalars by.
 */
final class DecodeSupport {

    private DecodeSupport() {
    }

    /** Reads one value of a list element or map value from the current token. */
    @FunctionalInterface
    interface Reader<T> {
        @Nullable
        T read(JsonParser p, DeserializationContext ctxt);
    }

    /** Checks that the current token starts an object (or is a name inside one, Jackson's buffered case). */
    static void startObject(JsonParser p, DeserializationContext ctxt, Class<?> type) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT && t != JsonToken.PROPERTY_NAME && t != JsonToken.END_OBJECT) {
            ctxt.reportInputMismatch(type, "expected a JSON object");
        }
    }

    /** The first member name: at {@code START_OBJECT} the next name, at a buffered {@code PROPERTY_NAME} that one. */
    @Nullable
    static String firstName(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return p.nextName();
        }
        return t == JsonToken.PROPERTY_NAME ? p.currentName() : null;
    }

    /** Adds the member name to the path of a failure reading its value. */
    static JacksonException at(JacksonException e, Object from, String name) {
        return e.prependPath(from, name);
    }

    /**
     * A builder refused a value (a null list element or map value): reported at the object that
     * holds it, like the Immutables builder's failure before.
     */
    static RuntimeException invalid(JsonParser p, DeserializationContext ctxt, Class<?> type, RuntimeException e) {
        if (e instanceof JacksonException) {
            return e;
        }
        return ValueInstantiationException.from(p, "cannot build " + type.getSimpleName() + ": a null or invalid element",
                ctxt.constructType(type), e);
    }

    /**
     * A JSON string. Short strings come from {@link SharedStrings}, so the values a list of
     * Backends repeats (apiVersion, namespaces, label values, condition types and reasons) are held
     * once instead of once per Backend.
     */
    @Nullable
    static String string(JsonParser p, DeserializationContext ctxt) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return SharedStrings.of(p);
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return ctxt.reportInputMismatch(String.class, "expected a JSON string");
    }

    @Nullable
    static Integer integer(JsonParser p, DeserializationContext ctxt) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return ctxt.reportInputMismatch(Integer.class, "expected a JSON integer");
    }

    @Nullable
    static Long longValue(JsonParser p, DeserializationContext ctxt) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return ctxt.reportInputMismatch(Long.class, "expected a JSON integer");
    }

    @Nullable
    static Double doubleValue(JsonParser p, DeserializationContext ctxt) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return ctxt.reportInputMismatch(Double.class, "expected a JSON number");
    }

    @Nullable
    static Boolean bool(JsonParser p, DeserializationContext ctxt) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return ctxt.reportInputMismatch(Boolean.class, "expected a JSON boolean");
    }

    /** An open enum: any string, kept as written. */
    @Nullable
    static <E> E openEnum(JsonParser p, DeserializationContext ctxt, Function<String, E> of) {
        String value = string(p, ctxt);
        return value == null ? null : of.apply(value);
    }

    private static boolean stripsManagedFields(DeserializationContext ctxt) {
        return ctxt.getAttribute(DecodeOptions.class) instanceof DecodeOptions options && options.stripsManagedFields();
    }

    private static boolean stripsLastApplied(DeserializationContext ctxt) {
        return ctxt.getAttribute(DecodeOptions.class) instanceof DecodeOptions options && options.stripsLastAppliedAnnotation();
    }

    /** Any JSON value, as a tree (JSON {@code null} as a null node, never {@code null}). */
    static JsonNode tree(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return ctxt.getNodeFactory().nullNode();
        }
        return (JsonNode) ctxt.readTree(p);
    }

    /** A value kept as compact JSON text ({@link RawJson}), or {@code null} for JSON null. */
    @Nullable
    static RawJson rawJson(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        return RawJson.read(p);
    }

    /** A value the schema leaves untyped ({@code {}}): maps, lists, strings, numbers, booleans, as Jackson reads {@code Object}. */
    @Nullable
    static Object any(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        return ctxt.readValue(p, Object.class);
    }

    /** A nested model object, or {@code null} for JSON null. */
    @Nullable
    static <T> T object(JsonParser p, DeserializationContext ctxt, ValueDeserializer<T> deserializer) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        return deserializer.deserialize(p, ctxt);
    }

    /**
     * A JSON array, each element handed to {@code add} (the builder's adder, which refuses null
     * elements); JSON null adds nothing. {@code metadata.managedFields} under
     * {@link DecodeOptions#stripManagedFields()} is skipped without reading its elements.
     */
    static <T> void list(JsonParser p, DeserializationContext ctxt, Class<?> owner, String member, Reader<T> element, Consumer<T> add) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            ctxt.reportInputMismatch(java.util.List.class, "expected a JSON array");
        }
        if (owner == ObjectMeta.class && member.equals("managedFields") && stripsManagedFields(ctxt)) {
            p.skipChildren();
            return;
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            T value;
            try {
                value = element.read(p, ctxt);
            } catch (JacksonException e) {
                throw e.prependPath(owner, index);
            }
            add.accept(value);
            index++;
        }
    }

    /**
     * A JSON object of free-form keys, each entry handed to {@code put} (the builder's putter, which
     * refuses null values); JSON null puts nothing.
     */
    static <T> void map(JsonParser p, DeserializationContext ctxt, Class<?> owner, String member, Reader<T> value, BiConsumer<String, T> put) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            ctxt.reportInputMismatch(java.util.Map.class, "expected a JSON object");
        }
        boolean dropLastApplied = owner == ObjectMeta.class && member.equals("annotations") && stripsLastApplied(ctxt);
        for (String key = p.nextName(); key != null; key = p.nextName()) {
            p.nextToken();
            if (dropLastApplied && key.equals(DecodeOptions.LAST_APPLIED_ANNOTATION)) {
                p.skipChildren();
                continue;
            }
            T read;
            try {
                read = value.read(p, ctxt);
            } catch (JacksonException e) {
                throw e.prependPath(owner, key);
            }
            put.accept(key, read);
        }
    }
}

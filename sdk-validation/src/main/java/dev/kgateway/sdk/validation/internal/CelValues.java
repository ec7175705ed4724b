package dev.kgateway.sdk.validation.internal;

import dev.cel.common.values.NullValue;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import javax.annotation.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A JSON tree as CEL values, typed by the schema as kube-apiserver types them: {@code integer}
 * members are {@code int} (Long), {@code number} members {@code double}, objects string-keyed maps,
 * arrays lists. Objects and arrays are read-only views converted member by member on access, so a
 * rule reading two members of a large object converts two members.
 */
final class CelValues {

    private CelValues() {
    }

    static Object of(JsonNode v, @Nullable SchemaNode s) {
        if (v.isNull()) {
            return NullValue.NULL_VALUE;
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            boolean number = s != null && "number".equals(s.type);
            if (!number && (v.isIntegralNumber() || isIntegral(v.asDouble())) && v.canConvertToLong()) {
                return v.asLong();
            }
            return v.asDouble();
        }
        if (v.isArray()) {
            return new ListView(v, s == null ? null : s.items);
        }
        if (v.isObject()) {
            return new ObjectView(v, s);
        }
        return v.asString();
    }

    private static boolean isIntegral(double d) {
        return !Double.isInfinite(d) && d == Math.rint(d);
    }

    private static final class ListView extends AbstractList<Object> {
        private final JsonNode node;
        @Nullable
        private final SchemaNode items;

        ListView(JsonNode node, @Nullable SchemaNode items) {
            this.node = node;
            this.items = items;
        }

        @Override
        public Object get(int index) {
            JsonNode item = node.get(index);
            if (item == null) {
                throw new IndexOutOfBoundsException(index);
            }
            return of(item, items);
        }

        @Override
        public int size() {
            return node.size();
        }
    }

    private static final class ObjectView extends AbstractMap<String, Object> {
        private final JsonNode node;
        @Nullable
        private final SchemaNode schema;

        ObjectView(JsonNode node, @Nullable SchemaNode schema) {
            this.node = node;
            this.schema = schema;
        }

        /** Declared properties are fields: CEL names are kube-escaped ({@code __namespace__}); map keys are not. */
        private boolean escaped() {
            return schema != null && !schema.properties.isEmpty();
        }

        @Nullable
        private SchemaNode child(String name) {
            if (schema == null) {
                return null;
            }
            SchemaNode p = schema.properties.get(name);
            return p != null ? p : schema.additionalProperties;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String celName)) {
                return null;
            }
            String name = escaped() ? CelNames.unescape(celName) : celName;
            JsonNode c = node.get(name);
            return c == null ? null : of(c, child(name));
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String celName && node.has(escaped() ? CelNames.unescape(celName) : celName);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Map.Entry<String, JsonNode> e = it.next();
                            String k = escaped() ? CelNames.escape(e.getKey()) : e.getKey();
                            return new SimpleImmutableEntry<>(k, of(e.getValue(), child(e.getKey())));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }
}

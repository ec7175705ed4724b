package dev.kgateway.sdk.model.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The immutable, insertion-ordered {@code Map} the model's map attributes hold (labels, annotations,
 * the spec's string maps and every type's {@code additionalProperties}) when they have two entries or
 * more; an empty map is {@link Collections#emptyMap()} and a single entry
 * {@link Collections#singletonMap(Object, Object)}, as before.
 *
 * <p>Layout: one {@code Object[]} of alternating keys and values, in insertion order, and for more than
 * {@link #INDEX_THRESHOLD} entries an open-addressing {@code int[]} index of the keys' hashes; up to
 * that many entries a lookup is a linear scan of the keys. Compared with
 * {@code Collections.unmodifiableMap(new LinkedHashMap<>(...))} there is no entry object, no hash table
 * of entries and no wrapper. Iteration order is the insertion order (a repeated key keeps its first
 * position and takes the last value, as in a {@code LinkedHashMap}); {@code equals} and
 * {@code hashCode} follow the {@link Map} contract, so it equals any map with the same entries.
 * Keys and values are never {@code null}; every mutator throws {@link UnsupportedOperationException}.
 *
 * <p>The generated builders collect entries in a {@link CompactMapBuffer} and hand its array over
 * without a copy ({@link #copyOf}); the generated {@code Immutable*} classes call {@link #copyOf}
 * where Immutables' own code copied into a {@code LinkedHashMap}. Internal: referenced by generated
 * code only.
 */
public final class CompactMap<K, V> extends AbstractMap<K, V> {

    /** Up to this many entries a lookup scans the keys; beyond it the map carries a hash index. */
    public static final int INDEX_THRESHOLD = 8;

    /** Keys at even, values at odd positions; exactly {@code 2 * size()} long. */
    private final Object[] table;
    /** {@code null}, or the hash index of {@link #table} ({@link CompactMapBuffer#find}). */
    private final int[] index;

    CompactMap(Object[] table, int[] index) {
        this.table = table;
        this.index = index;
    }

    /**
     * The immutable copy of {@code map} that a model attribute holds: {@code map} itself when it is a
     * {@code CompactMap}, the entries of a builder's {@link CompactMapBuffer} without copying them, and
     * otherwise a copy in {@code map}'s iteration order. Same contract as Immutables'
     * {@code createUnmodifiableMap} it replaces in the generated classes.
     *
     * @param checkNulls refuse null keys and values ({@code NullPointerException} "key" or "value for key: k")
     * @param skipNulls leave out entries with a null key or value
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> copyOf(boolean checkNulls, boolean skipNulls, Map<? extends K, ? extends V> map) {
        if (map instanceof CompactMap) {
            return (Map<K, V>) map;
        }
        if (map instanceof CompactMapBuffer) {
            return ((CompactMapBuffer<K, V>) map).freeze();
        }
        int size = map.size();
        if (size == 0) {
            return Collections.emptyMap();
        }
        CompactMapBuffer<K, V> buffer = new CompactMapBuffer<>(size);
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            K k = e.getKey();
            V v = e.getValue();
            if (skipNulls) {
                if (k == null || v == null) {
                    continue;
                }
            } else if (checkNulls) {
                Objects.requireNonNull(k, "key");
                Objects.requireNonNull(v, v == null ? "value for key: " + k : null);
            }
            buffer.put(k, v);
        }
        return buffer.freeze();
    }

    @Override
    public int size() {
        return table.length >> 1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public boolean containsKey(Object key) {
        return CompactMapBuffer.find(table, table.length >> 1, index, key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (int i = 1; i < table.length; i += 2) {
            if (table[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = CompactMapBuffer.find(table, table.length >> 1, index, key);
        return i < 0 ? null : (V) table[2 * i + 1];
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        V v = get(key);
        return v == null ? defaultValue : v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action);
        for (int i = 0; i < table.length; i += 2) {
            action.accept((K) table[i], (V) table[i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new Entries();
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < table.length; i += 2) {
            h += table[i].hashCode() ^ table[i + 1].hashCode();
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> other) || other.size() != size()) {
            return false;
        }
        try {
            for (int i = 0; i < table.length; i += 2) {
                if (!table[i + 1].equals(other.get(table[i]))) {
                    return false;
                }
            }
        } catch (ClassCastException | NullPointerException unused) {
            return false;
        }
        return true;
    }

    // every mutator refuses, even when it would change nothing (as Collections.unmodifiableMap does)

    @Override
    public V put(K key, V value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V remove(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V replace(K key, V value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
        throw new UnsupportedOperationException();
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
        throw new UnsupportedOperationException();
    }

    /** The entries in insertion order; read-only, each entry immutable. */
    private final class Entries extends AbstractSet<Map.Entry<K, V>> {

        @Override
        public int size() {
            return table.length >> 1;
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e)) {
                return false;
            }
            int i = CompactMapBuffer.find(table, table.length >> 1, index, e.getKey());
            return i >= 0 && table[2 * i + 1].equals(e.getValue());
        }

        @Override
        public boolean remove(Object o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeIf(java.util.function.Predicate<? super Map.Entry<K, V>> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeAll(java.util.Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean retainAll(java.util.Collection<?> c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return CompactMapBuffer.entries(table, table.length >> 1);
        }
    }
}

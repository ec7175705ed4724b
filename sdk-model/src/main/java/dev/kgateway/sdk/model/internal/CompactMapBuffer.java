package dev.kgateway.sdk.model.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The mutable, insertion-ordered map a generated builder collects a map attribute in (it replaces the
 * builder's {@code LinkedHashMap}). {@code build()} turns it into a {@link CompactMap} through
 * {@link CompactMap#copyOf}, which takes the buffer's array as it is (trimmed if it has spare room)
 * instead of copying the entries: the buffer then shares that array and copies it before its next
 * change, so a builder may go on and build again.
 *
 * <p>Same put semantics as {@code LinkedHashMap}: a repeated key keeps its first position and takes the
 * new value. A lookup scans the keys up to {@link CompactMap#INDEX_THRESHOLD} entries and uses a hash
 * index beyond, so filling a large map stays linear. The builders refuse nulls before they put; the
 * buffer itself does not check. Internal: referenced by generated code only.
 */
public final class CompactMapBuffer<K, V> extends AbstractMap<K, V> {

    private static final Object[] EMPTY = {};

    /** Keys at even, values at odd positions, {@code 2 * size} used. */
    private Object[] table = EMPTY;
    private int size;
    /** {@code null} up to {@link CompactMap#INDEX_THRESHOLD} entries, else the hash index of {@link #table}. */
    private int[] index;
    /** {@link #table} (and {@link #index}) are held by a built {@link CompactMap}: copy before changing. */
    private boolean shared;

    /** An empty buffer; the array is allocated at the first {@code put}. */
    public CompactMapBuffer() {
    }

    CompactMapBuffer(int expectedSize) {
        table = new Object[2 * expectedSize];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return find(table, size, index, key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = find(table, size, index, key);
        return i < 0 ? null : (V) table[2 * i + 1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        int i = find(table, size, index, key);
        if (i >= 0) {
            unshare(table.length);
            V old = (V) table[2 * i + 1];
            table[2 * i + 1] = value;
            return old;
        }
        if (2 * size == table.length) {
            unshare(table.length == 0 ? 8 : 2 * table.length);
        } else {
            unshare(table.length);
        }
        table[2 * size] = key;
        table[2 * size + 1] = value;
        size++;
        if (index != null) {
            if (2 * size > index.length) {
                index = buildIndex(table, size);
            } else {
                insert(index, key, size - 1);
            }
        } else if (size > CompactMap.INDEX_THRESHOLD) {
            index = buildIndex(table, size);
        }
        return null;
    }

    @Override
    public void clear() {
        table = EMPTY;
        size = 0;
        index = null;
        shared = false;
    }

    @Override
    public V remove(Object key) {
        throw new UnsupportedOperationException("a builder's map buffer only grows");
    }

    /**
     * The entries as an immutable map: {@link Collections#emptyMap()}, a singleton map, or a
     * {@link CompactMap} on this buffer's array (trimmed to its size when it has spare room).
     */
    @SuppressWarnings("unchecked")
    Map<K, V> freeze() {
        switch (size) {
            case 0:
                return Collections.emptyMap();
            case 1:
                return Collections.singletonMap((K) table[0], (V) table[1]);
            default:
                if (table.length != 2 * size) {
                    table = Arrays.copyOf(table, 2 * size);
                }
                shared = true;
                return new CompactMap<>(table, index);
        }
    }

    /** Before a change: a private array of at least {@code capacity} slots (and a private index). */
    private void unshare(int capacity) {
        if (shared || capacity != table.length) {
            table = Arrays.copyOf(table, capacity);
            if (shared && index != null) {
                index = index.clone();
            }
            shared = false;
        }
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return entries(table, size);
            }
        };
    }

    /** @return the first {@code size} entries of {@code table} (keys at even, values at odd positions), each immutable */
    static <K, V> Iterator<Map.Entry<K, V>> entries(Object[] table, int size) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            @SuppressWarnings("unchecked")
            public Map.Entry<K, V> next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                Map.Entry<K, V> e = new AbstractMap.SimpleImmutableEntry<>((K) table[2 * next], (V) table[2 * next + 1]);
                next++;
                return e;
            }
        };
    }

    // the index: open addressing over a power-of-two int[] at most half full, slot = ordinal + 1, 0 = free

    /** The ordinal of {@code key} among the first {@code size} entries of {@code table}, or -1. */
    static int find(Object[] table, int size, int[] index, Object key) {
        if (key == null) {
            return -1;
        }
        if (index == null) {
            for (int i = 0; i < size; i++) {
                Object k = table[2 * i];
                if (k == key || k.equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int ordinal = index[slot] - 1;
            if (ordinal < 0) {
                return -1;
            }
            Object k = table[2 * ordinal];
            if (k == key || k.equals(key)) {
                return ordinal;
            }
        }
    }

    static int[] buildIndex(Object[] table, int size) {
        int length = Integer.highestOneBit(Math.max(4 * size - 1, 1)) << 1;
        int[] index = new int[Math.max(length, 32)];
        for (int i = 0; i < size; i++) {
            insert(index, table[2 * i], i);
        }
        return index;
    }

    private static void insert(int[] index, Object key, int ordinal) {
        int mask = index.length - 1;
        int slot = spread(key.hashCode()) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = ordinal + 1;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}

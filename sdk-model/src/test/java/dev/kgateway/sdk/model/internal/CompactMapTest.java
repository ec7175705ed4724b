package dev.kgateway.sdk.model.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The specification of the model's compact map and of the buffer builders fill it from. */
class CompactMapTest {

    private static LinkedHashMap<String, String> entries(int size) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        // keys in no sorted or hash order, so that only insertion order explains the iteration order
        for (int i = 0; i < size; i++) {
            map.put("k" + ((i * 7919) % 100_003) + "-" + i, "v" + i);
        }
        return map;
    }

    private static Map<String, String> compact(Map<String, String> source) {
        return CompactMap.copyOf(true, false, source);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 8, 9, 17, 100, 10_000})
    void keepsInsertionOrderAndEqualsTheSameEntriesInAnyMap(int size) {
        LinkedHashMap<String, String> expected = entries(size);
        Map<String, String> map = compact(expected);

        assertThat(map).isInstanceOf(CompactMap.class);
        assertThat(new ArrayList<>(map.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(new ArrayList<>(map.values())).containsExactlyElementsOf(expected.values());
        assertThat(new ArrayList<>(map.entrySet())).containsExactlyElementsOf(expected.entrySet());
        List<String> visited = new ArrayList<>();
        map.forEach((k, v) -> visited.add(k + "=" + v));
        assertThat(visited).hasSize(size).first().isEqualTo(expected.entrySet().iterator().next().toString());

        HashMap<String, String> hashed = new HashMap<>(expected);
        assertThat(map).isEqualTo(hashed);
        assertThat(hashed).isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(hashed.hashCode());
        assertThat(map.toString()).isEqualTo(expected.toString());
        assertThat(map.size()).isEqualTo(size);
        assertThat(map.isEmpty()).isFalse();

        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
            assertThat(map.containsKey(e.getKey())).isTrue();
            assertThat(map.entrySet().contains(new AbstractMap.SimpleEntry<>(e.getKey(), e.getValue()))).isTrue();
        }
        assertThat(map.get("absent")).isNull();
        assertThat(map.get(null)).isNull();
        assertThat(map.get(42)).isNull();
        assertThat(map.containsKey(null)).isFalse();
        assertThat(map.getOrDefault("absent", "d")).isEqualTo("d");
        assertThat(map.containsValue("v1")).isTrue();
        assertThat(map.containsValue("nope")).isFalse();
        assertThat(map.entrySet().contains(new AbstractMap.SimpleEntry<>(expected.keySet().iterator().next(), "other"))).isFalse();
        assertThat(map.entrySet().contains("not an entry")).isFalse();
    }

    @Test
    void differsFromMapsWithOtherEntries() {
        Map<String, String> map = compact(Map.of("a", "1", "b", "2"));
        assertThat(map).isNotEqualTo(Map.of("a", "1", "b", "3"));
        assertThat(map).isNotEqualTo(Map.of("a", "1", "c", "2"));
        assertThat(map).isNotEqualTo(Map.of("a", "1"));
        assertThat(map).isNotEqualTo(List.of("a", "b"));
        assertThat(map).isNotEqualTo(new TreeMap<>(Map.of("a", "1", "b", "2")) {
            @Override
            public String get(Object key) {
                throw new ClassCastException();
            }
        });
        assertThat(map).isEqualTo(new TreeMap<>(Map.of("b", "2", "a", "1")));
    }

    @Test
    void aRepeatedKeyKeepsItsFirstPositionAndTakesTheLastValue() {
        CompactMapBuffer<String, String> buffer = new CompactMapBuffer<>();
        buffer.put("a", "1");
        buffer.put("b", "2");
        assertThat(buffer.put("a", "3")).isEqualTo("1");
        buffer.put("c", "4");
        Map<String, String> map = CompactMap.copyOf(false, false, buffer);
        assertThat(map.toString()).isEqualTo("{a=3, b=2, c=4}");

        // the same with the hash index (more than INDEX_THRESHOLD entries)
        CompactMapBuffer<String, String> large = new CompactMapBuffer<>();
        LinkedHashMap<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            large.put("key" + i, "first" + i);
            expected.put("key" + i, "first" + i);
        }
        for (int i = 0; i < 40; i += 3) {
            large.put("key" + i, "second" + i);
            expected.put("key" + i, "second" + i);
        }
        assertThat(large.size()).isEqualTo(40);
        assertThat(new ArrayList<>(CompactMap.copyOf(false, false, large).entrySet()))
                .containsExactlyElementsOf(expected.entrySet());
    }

    @Test
    void keysWithEqualHashCodesAreTellApartBeyondTheScanThreshold() {
        // "Aa" and "BB" share a hash code, so do all strings made of them with the same length
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            StringBuilder key = new StringBuilder();
            for (int bit = 0; bit < 6; bit++) {
                key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            keys.add(key.toString());
        }
        assertThat(keys.stream().map(String::hashCode).distinct()).hasSize(1);
        LinkedHashMap<String, String> source = new LinkedHashMap<>();
        keys.forEach(k -> source.put(k, k.toLowerCase()));
        Map<String, String> map = compact(source);
        keys.forEach(k -> assertThat(map.get(k)).isEqualTo(k.toLowerCase()));
        assertThat(map.get("AaAaAaAaAaBb")).isNull();
        assertThat(map).isEqualTo(source);
    }

    /** A key that counts the comparisons made with it, so that the test measures work, not time. */
    private static final class CountedKey {
        static long comparisons;
        final int id;

        CountedKey(int id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            comparisons++;
            return o instanceof CountedKey k && k.id == id;
        }

        @Override
        public int hashCode() {
            return id * 0x9E3779B9;
        }
    }

    @Test
    void lookupsAndFillingCompareAboutOnceForEachKeyOfALargeMap() {
        CompactMapBuffer<CountedKey, Integer> buffer = new CompactMapBuffer<>();
        int size = 50_000;
        CountedKey.comparisons = 0;
        for (int i = 0; i < size; i++) {
            buffer.put(new CountedKey(i), i);
        }
        for (int i = 0; i < size; i += 2) {
            buffer.put(new CountedKey(i), -i);
        }
        Map<CountedKey, Integer> map = CompactMap.copyOf(false, false, buffer);
        assertThat(map).hasSize(size);
        for (int i = 0; i < size; i++) {
            if (map.get(new CountedKey(i)) != (i % 2 == 0 ? -i : i)) {
                throw new AssertionError(i + " -> " + map.get(new CountedKey(i)));
            }
        }
        assertThat(map.get(new CountedKey(size))).isNull();
        // 2.5 puts or gets per key; a linear scan would make about size / 2 comparisons per call instead
        assertThat(CountedKey.comparisons).isLessThan(10L * size);
    }

    @Test
    void refusesEveryChange() {
        Map<String, String> map = compact(entries(12));
        String key = map.keySet().iterator().next();
        List<Consumer<Map<String, String>>> changes = List.of(
                m -> m.put("x", "y"),
                m -> m.put(key, "y"),
                m -> m.remove(key),
                m -> m.remove("absent"),
                m -> m.remove(key, m.get(key)),
                m -> m.putAll(Map.of("x", "y")),
                m -> m.putAll(Map.of()),
                Map::clear,
                m -> m.replaceAll((k, v) -> v),
                m -> m.putIfAbsent("x", "y"),
                m -> m.replace(key, "y"),
                m -> m.replace(key, m.get(key), "y"),
                m -> m.computeIfAbsent("x", k -> "y"),
                m -> m.computeIfPresent(key, (k, v) -> null),
                m -> m.compute(key, (k, v) -> v),
                m -> m.merge(key, "y", (a, b) -> b),
                m -> m.keySet().remove(key),
                m -> m.keySet().clear(),
                m -> m.values().clear(),
                m -> m.values().remove(m.get(key)),
                m -> m.entrySet().clear(),
                m -> m.entrySet().removeIf(e -> true),
                m -> m.entrySet().iterator().next().setValue("y"),
                m -> {
                    Iterator<Map.Entry<String, String>> it = m.entrySet().iterator();
                    it.next();
                    it.remove();
                });
        for (Consumer<Map<String, String>> change : changes) {
            assertThatThrownBy(() -> change.accept(map)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(map).isEqualTo(entries(12));
    }

    @Test
    void refusesOrSkipsNullsAsImmutablesDid() {
        LinkedHashMap<String, String> nullValue = new LinkedHashMap<>(Map.of("a", "1"));
        nullValue.put("b", null);
        LinkedHashMap<String, String> nullKey = new LinkedHashMap<>(Map.of("a", "1"));
        nullKey.put(null, "2");

        assertThatThrownBy(() -> CompactMap.copyOf(true, false, nullValue))
                .isInstanceOf(NullPointerException.class).hasMessage("value for key: b");
        assertThatThrownBy(() -> CompactMap.copyOf(true, false, nullKey))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> CompactMap.copyOf(true, false, Collections.singletonMap("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("value for key: a");
        assertThat(CompactMap.copyOf(false, true, nullValue)).isEqualTo(Map.of("a", "1"));
        assertThat(CompactMap.copyOf(false, true, nullKey)).isEqualTo(Map.of("a", "1"));
        assertThat(CompactMap.copyOf(false, true, Collections.singletonMap("a", null))).isSameAs(Collections.emptyMap());
    }

    @Test
    void emptyAndSingleEntryMapsAreTheJdksAsBefore() {
        assertThat(CompactMap.copyOf(true, false, Map.of())).isSameAs(Collections.emptyMap());
        assertThat(CompactMap.copyOf(true, false, new CompactMapBuffer<>())).isSameAs(Collections.emptyMap());
        Map<String, String> one = CompactMap.copyOf(true, false, Map.of("a", "1"));
        assertThat(one).isEqualTo(Map.of("a", "1"));
        assertThatThrownBy(() -> one.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCompactMapIsNotCopiedAgain() {
        Map<String, String> map = compact(entries(5));
        assertThat(CompactMap.copyOf(true, false, map)).isSameAs(map);
    }

    @Test
    void aBufferHandsOverItsEntriesAndCopiesThemBeforeItsNextChange() {
        CompactMapBuffer<String, String> buffer = new CompactMapBuffer<>();
        for (int i = 0; i < 10; i++) {
            buffer.put("k" + i, "v" + i);
        }
        Map<String, String> first = CompactMap.copyOf(false, false, buffer);
        Map<String, String> firstCopy = new LinkedHashMap<>(first);

        buffer.put("k0", "changed");
        buffer.put("k10", "v10");
        Map<String, String> second = CompactMap.copyOf(false, false, buffer);
        assertThat(first).isEqualTo(firstCopy).hasSize(10).containsEntry("k0", "v0").doesNotContainKey("k10");
        assertThat(second).hasSize(11).containsEntry("k0", "changed").containsEntry("k10", "v10");

        buffer.clear();
        buffer.put("only", "1");
        buffer.put("two", "2");
        assertThat(CompactMap.copyOf(false, false, buffer)).isEqualTo(Map.of("only", "1", "two", "2"));
        assertThat(first).isEqualTo(firstCopy);
        assertThat(second).hasSize(11);
        assertThatThrownBy(() -> buffer.remove("two")).isInstanceOf(UnsupportedOperationException.class);
    }
}

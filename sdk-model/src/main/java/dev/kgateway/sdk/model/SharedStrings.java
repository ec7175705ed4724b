package dev.kgateway.sdk.model;

import tools.jackson.core.JsonParser;

import java.util.Arrays;

/**
 * A small, fixed-size cache of the short strings the generated deserializers read, so that values
 * repeated across Backends (apiVersion, kind, namespaces, label and annotation values, condition
 * types, statuses and reasons) are one {@code String} on the heap rather than one per Backend.
 *
 * <p>Direct-mapped: a string's hash picks one of {@value #SLOTS} slots; a hit returns the string
 * held there, a miss creates the string and replaces the slot. So the cache never grows (at most
 * {@value #SLOTS} strings of at most {@value #MAX_LENGTH} characters with their characters, at most
 * about 500 KB), a value that is never repeated costs one slot until another value takes it, and
 * nothing is interned. Slots are immutable and safely published through their final fields, so the
 * unsynchronized arrays are thread-safe: a race only costs a duplicate string. A hit compares the
 * parser's characters with the slot's, so it allocates nothing.
 */
final class SharedStrings {

    /** Number of slots, a power of two. */
    static final int SLOTS = 2048;
    /** Longer strings (last-applied configurations, messages) are created as usual. */
    static final int MAX_LENGTH = 48;

    /** One cached string with its characters, compared without touching the string. */
    private static final class Slot {
        final int hash;
        final char[] text;
        final String value;

        Slot(int hash, char[] text, String value) {
            this.hash = hash;
            this.text = text;
            this.value = value;
        }
    }

    private static final Slot[] CACHE = new Slot[SLOTS];
    /** The hashes of {@link #CACHE}'s slots, read first: a miss costs no load of a cached object. */
    private static final int[] HASHES = new int[SLOTS];

    private SharedStrings() {
    }

    /** @return the text of the parser's current string token, shared when an equal one is cached */
    static String of(JsonParser p) {
        int length = p.getStringLength();
        if (length > MAX_LENGTH) {
            return p.getString();
        }
        return of(p.getStringCharacters(), p.getStringOffset(), length);
    }

    /** @return the string of {@code chars[offset, offset + length)}, shared when an equal one is cached */
    static String of(char[] chars, int offset, int length) {
        int end = offset + length;
        int hash = 0;
        for (int i = offset; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int index = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        if (HASHES[index] == hash) {
            Slot slot = CACHE[index];
            // the two arrays are written without a lock: the slot's own hash and text decide
            if (slot != null && slot.hash == hash && Arrays.equals(slot.text, 0, slot.text.length, chars, offset, end)) {
                return slot.value;
            }
        }
        char[] text = Arrays.copyOfRange(chars, offset, end);
        String created = new String(text);
        CACHE[index] = new Slot(hash, text, created);
        HASHES[index] = hash;
        return created;
    }
}

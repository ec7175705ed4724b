package dev.kgateway.sdk.model;

import tools.jackson.core.JsonParser;

/**
 * A small, fixed-size cache of the short strings the generated deserializers read, so that values
 * repeated across Backends (apiVersion, kind, namespaces, label and annotation values, condition
 * types, statuses and reasons) are one {@code String} on the heap rather than one per Backend.
 *
 * <p>Direct-mapped: a string's hash picks one of {@value #SLOTS} slots; a hit returns the string
 * held there, a miss creates the string and replaces the slot. So the cache never grows (at most
 * {@value #SLOTS} strings of at most {@value #MAX_LENGTH} characters, about 250 KB), a value that is
 * never repeated costs one slot until another value takes it, and nothing is interned. Strings are
 * immutable and safely published through their final fields, so the unsynchronized slots are
 * thread-safe: a race only costs a duplicate string. A hit compares the parser's characters with
 * the cached string, so it allocates nothing.
 */
final class SharedStrings {

    /** Number of slots, a power of two. */
    static final int SLOTS = 2048;
    /** Longer strings (last-applied configurations, messages) are created as usual. */
    static final int MAX_LENGTH = 48;

    private static final String[] CACHE = new String[SLOTS];

    private SharedStrings() {
    }

    /** @return the text of the parser's current string token, shared when an equal one is cached */
    static String of(JsonParser p) {
        int length = p.getStringLength();
        if (length > MAX_LENGTH) {
            return p.getString();
        }
        char[] chars = p.getStringCharacters();
        int offset = p.getStringOffset();
        return of(chars, offset, length);
    }

    /** @return the string of {@code chars[offset, offset + length)}, shared when an equal one is cached */
    static String of(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = CACHE[slot];
        if (cached != null && cached.hashCode() == hash && sameText(cached, chars, offset, length)) {
            return cached;
        }
        String created = new String(chars, offset, length);
        CACHE[slot] = created;
        return created;
    }

    private static boolean sameText(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}

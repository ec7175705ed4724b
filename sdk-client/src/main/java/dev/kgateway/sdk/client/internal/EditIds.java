package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids of the latest edits, kept in the annotation {@value #ANNOTATION} (the last
 * {@value #KEEP}, newest first). An edit whose answer is lost learns from it whether it landed,
 * even after other writers changed the Backend since: a writer that read after the edit carries
 * its id on. Without it, an edit could not tell its own landed change from someone else's and
 * would apply its change twice (a counter incremented once would end at 2).
 */
final class EditIds {

    /** The annotation holding the ids. */
    static final String ANNOTATION = "sdk.kgateway.dev/edit-ids";
    static final int KEEP = 8;

    private EditIds() {
    }

    /** @return a new random id (12 hex digits) */
    static String next() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffff_ffff_ffffL | 0x1000_0000_0000L);
    }

    /** @return {@code backend} with {@code id} first in its edit ids */
    static Backend mark(Backend backend, String id) {
        List<String> ids = new ArrayList<>();
        ids.add(id);
        for (String old : ids(backend)) {
            if (ids.size() < KEEP && !old.equals(id)) {
                ids.add(old);
            }
        }
        Map<String, String> annotations = new LinkedHashMap<>(backend.getMetadata().getAnnotations());
        annotations.put(ANNOTATION, String.join(",", ids));
        return backend.withMetadata(backend.getMetadata().withAnnotations(annotations));
    }

    /** @return whether {@code backend} carries the edit id {@code id} */
    static boolean carries(Backend backend, String id) {
        return ids(backend).contains(id);
    }

    private static List<String> ids(Backend backend) {
        String value = backend.getMetadata() == null ? null : backend.getMetadata().getAnnotations().get(ANNOTATION);
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }
}

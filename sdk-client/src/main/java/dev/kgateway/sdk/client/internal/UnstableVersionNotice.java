package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Keeps fabric8's one-time WARN "The client is using resource type 'backends' with unstable version
 * 'v1alpha1'" out of every application's log: the SDK exists for that one kind, in that version.
 *
 * <p>fabric8 ({@code io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils}, called before each
 * request) warns once per JVM per alpha/beta {@code plural-version}, remembering the ones it warned
 * about in a private static map; nothing public turns it off for one resource, and raising the
 * logger's level would hide the warning for every other unstable resource too. This class records
 * {@code backends-v1alpha1} in that map as already reported, so fabric8 skips it and still warns
 * for any other alpha or beta resource. If a fabric8 version changes that class, the warning simply
 * shows again (logged here at DEBUG); nothing else depends on it.
 */
final class UnstableVersionNotice {

    private static final Logger LOG = LoggerFactory.getLogger(UnstableVersionNotice.class);
    static final String FABRIC8_CLASS = "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils";
    static final String FIELD = "UNSTABLE_TYPES";
    /** The key fabric8 builds: the resource's plural and its version. */
    static final String KEY = Backend.PLURAL + "-" + Backend.VERSION;

    private UnstableVersionNotice() {
    }

    /** Marks the Backend kind's unstable-version notice as given; harmless to call more than once. */
    @SuppressWarnings("unchecked")
    static void markGiven() {
        try {
            Field field = Class.forName(FABRIC8_CLASS).getDeclaredField(FIELD);
            field.setAccessible(true);
            ((Map<String, Boolean>) field.get(null)).putIfAbsent(KEY, Boolean.TRUE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("fabric8's unstable-version notice for {} could not be marked as given ({}); it may be logged once",
                    KEY, e.getClass().getName());
        }
    }
}

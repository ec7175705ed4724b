package dev.kgateway.sdk.model;

import tools.jackson.databind.ObjectReader;

/**
 * How Backends are read. The default keeps everything (a read never drops what it does not
 * understand). {@link #stripManagedFields()} is for read-only caches (informers, listers): it
 * drops {@code metadata.managedFields} and the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation while reading, as
 * controller-runtime's {@code TransformStripManagedFields} does, which are most of a served
 * Backend's size and which a cache never needs. A Backend read this way must not be written back
 * with an update (the annotation would be lost); server-side apply does not need either.
 *
 * <pre>{@code
 * Backend b = BackendJson.fromJson(bytes, DecodeOptions.stripManagedFields());
 * ObjectReader reader = DecodeOptions.stripManagedFields().applyTo(BackendJson.jsonMapper().readerFor(Backend.class));
 * }</pre>
 */
public final class DecodeOptions {

    /** The annotation {@code kubectl apply} writes: the whole last applied object, as JSON text. */
    public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    private static final DecodeOptions DEFAULTS = new DecodeOptions(false, false);
    private static final DecodeOptions STRIP_MANAGED_FIELDS = new DecodeOptions(true, true);
    private static final DecodeOptions STRIP_MANAGED_FIELDS_ONLY = new DecodeOptions(true, false);
    private static final DecodeOptions STRIP_LAST_APPLIED_ONLY = new DecodeOptions(false, true);

    private final boolean stripManagedFields;
    private final boolean stripLastApplied;

    private DecodeOptions(boolean stripManagedFields, boolean stripLastApplied) {
        this.stripManagedFields = stripManagedFields;
        this.stripLastApplied = stripLastApplied;
    }

    /** @return keep every member (the default of every read method) */
    public static DecodeOptions defaults() {
        return DEFAULTS;
    }

    /** @return drop {@code metadata.managedFields} and the last-applied annotation while reading */
    public static DecodeOptions stripManagedFields() {
        return STRIP_MANAGED_FIELDS;
    }

    /**
     * Each part on its own: a Backend read without {@code managedFields} can still be written back
     * with an update (the API server keeps the stored {@code managedFields} when a PUT omits them),
     * one read without the last-applied annotation cannot (a PUT whose annotations lack it removes it).
     *
     * <pre>{@code
     * ObjectReader reader = DecodeOptions.strip(true, false).applyTo(BackendJson.jsonMapper().readerFor(Backend.class));
     * }</pre>
     *
     * @param managedFields         whether to drop {@code metadata.managedFields}
     * @param lastAppliedAnnotation whether to drop the {@link #LAST_APPLIED_ANNOTATION} annotation
     * @return the options
     */
    public static DecodeOptions strip(boolean managedFields, boolean lastAppliedAnnotation) {
        if (managedFields) {
            return lastAppliedAnnotation ? STRIP_MANAGED_FIELDS : STRIP_MANAGED_FIELDS_ONLY;
        }
        return lastAppliedAnnotation ? STRIP_LAST_APPLIED_ONLY : DEFAULTS;
    }

    /** @return whether {@code metadata.managedFields} is dropped */
    public boolean stripsManagedFields() {
        return stripManagedFields;
    }

    /** @return whether the {@link #LAST_APPLIED_ANNOTATION} annotation is dropped */
    public boolean stripsLastAppliedAnnotation() {
        return stripLastApplied;
    }

    /** @return whether these options drop anything */
    public boolean stripsAnything() {
        return stripManagedFields || stripLastApplied;
    }

    /**
     * @param reader a reader of any Jackson 3 mapper (such as {@link BackendJson#jsonMapper()}'s): the
     *               model's generated deserializers read these options
     * @return the reader, with these options for the model's deserializers
     */
    public ObjectReader applyTo(ObjectReader reader) {
        return reader.withAttribute(DecodeOptions.class, this);
    }

    @Override
    public String toString() {
        return "DecodeOptions{stripManagedFields=" + stripManagedFields + ", stripLastAppliedAnnotation=" + stripLastApplied + "}";
    }
}

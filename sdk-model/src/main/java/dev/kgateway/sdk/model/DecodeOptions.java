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

    private static final DecodeOptions DEFAULTS = new DecodeOptions(false);
    private static final DecodeOptions STRIP_MANAGED_FIELDS = new DecodeOptions(true);

    private final boolean stripManagedFields;

    private DecodeOptions(boolean stripManagedFields) {
        this.stripManagedFields = stripManagedFields;
    }

    /** @return keep every member (the default of every read method) */
    public static DecodeOptions defaults() {
        return DEFAULTS;
    }

    /** @return drop {@code metadata.managedFields} and the last-applied annotation while reading */
    public static DecodeOptions stripManagedFields() {
        return STRIP_MANAGED_FIELDS;
    }

    /** @return whether {@code metadata.managedFields} and the last-applied annotation are dropped */
    public boolean stripsManagedFields() {
        return stripManagedFields;
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
        return "DecodeOptions{stripManagedFields=" + stripManagedFields + "}";
    }
}

package dev.kgateway.sdk.model;

/**
 * A string enum that also holds values this SDK does not know, so a Backend written by a newer
 * kgateway round-trips unchanged. Known values are constants ({@code BackendType.STATIC}); unknown
 * ones come from {@code of(String)} and report {@link #isKnown()} {@code false}.
 *
 * <pre>{@code
 * BackendType type = backend.getSpec().getType();
 * if (type.equals(BackendType.AI)) { ... }
 * else if (!type.isKnown()) { log.warn("backend type {} is newer than this SDK", type.value()); }
 * }</pre>
 *
 * <p>Each generated open enum also has a real Java enum of its known values, {@code X.Known}, with
 * {@code UNRECOGNIZED} for the rest ({@link #known()}), for {@code switch}, {@code EnumSet} and {@code EnumMap}:
 * <pre>{@code
 * switch (backend.getSpec().getType().known()) {
 *     case STATIC -> routeToHosts();
 *     case AWS -> invokeLambda();
 *     case UNRECOGNIZED -> log.warn("backend type is newer than this SDK");
 *     default -> { }
 * }
 * }</pre>
 */
public interface OpenEnum {

    /** @return the JSON value, exactly as read or declared */
    String value();

    /** @return whether the schema this SDK was built from lists this value */
    boolean isKnown();

    /**
     * @return this value as the generated type's {@code Known} enum constant; {@code UNRECOGNIZED}
     *     when {@link #isKnown()} is {@code false}
     */
    Enum<?> known();
}

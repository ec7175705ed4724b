package dev.kgateway.sdk.jackson2.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.OpenEnum;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Which classes the module hands to Jackson 3, and as which type. */
public final class ModelTypes {

    private static final String MODEL_PACKAGE = Backend.class.getPackageName();

    private ModelTypes() {
    }

    /**
     * @param raw a class Jackson 2 is about to write or read
     * @return the model type whose Jackson 3 codec handles {@code raw} (the abstract type such as
     *     {@code Backend} for its generated implementation), or {@code null} when {@code raw} is not
     *     a model type
     */
    public static Class<?> codecType(Class<?> raw) {
        if (!raw.getPackageName().equals(MODEL_PACKAGE)) {
            return null;
        }
        if (OpenEnum.class.isAssignableFrom(raw)) {
            return raw;
        }
        // the generated abstract value types carry Jackson 3's @JsonDeserialize(as = ImmutableX.class);
        // the topmost one is the public type (ImmutableX and its nested Json delegate extend it)
        Class<?> found = null;
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(JsonDeserialize.class)) {
                found = c;
            }
        }
        return found;
    }

    /** @return whether {@code raw} is a Jackson 3 tree node, as held in {@code getAdditionalProperties()} */
    public static boolean isJackson3Tree(Class<?> raw) {
        return JsonNode.class.isAssignableFrom(raw);
    }
}

package dev.kgateway.sdk.model.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;

/**
 * The Jackson 2 half of the guard every generated model type carries: named by Jackson 2's own
 * {@code @com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver}, so that a plain Jackson 2
 * {@code ObjectMapper} fails on the first write or read of a model type with a message naming the
 * type and the fix, instead of Jackson 2's "Do not know how to construct standard type id resolver
 * for idType: CUSTOM".
 *
 * <p>Jackson 2 is not a dependency of the model (this class is compiled against it, {@code provided}):
 * without Jackson 2 on the classpath, the JVM drops the annotation and this class is never loaded.
 * Jackson 3 does not read Jackson 2's annotations. The {@code kgateway-sdk-jackson2} module lifts the
 * guard before Jackson 2 gets here.
 *
 * <p>Internal: referenced by generated code only.
 */
public final class Jackson2Refusal extends TypeIdResolverBase {

    /** How the message starts; it goes on to name the model type Jackson 2 met first and the fix. */
    public static final String MESSAGE = "Plain Jackson 2 cannot write or read the kgateway SDK's model, made for Jackson 3 (tools.jackson)";

    /** Instantiated by Jackson 2 for each {@code @JsonTypeIdResolver(Jackson2Refusal.class)}. */
    public Jackson2Refusal() {
    }

    /**
     * @param c a model class, or a generated implementation of one
     * @return the public model type {@code c} stands for ({@code Backend} for {@code ImmutableBackend})
     */
    static Class<?> publicType(Class<?> c) {
        Class<?> type = c;
        while (type.getSuperclass() != null && type.getSuperclass().getPackageName().equals(c.getPackageName())) {
            type = type.getSuperclass();
        }
        return type;
    }

    /** @throws IllegalStateException always: plain Jackson 2 cannot handle the model */
    @Override
    public void init(JavaType baseType) {
        throw new IllegalStateException(MESSAGE + " (here " + publicType(baseType.getRawClass()).getName()
                + "). Register dev.kgateway.sdk.jackson2.KgatewayJackson2Module (artifact dev.kgateway.sdk:kgateway-sdk-jackson2)"
                + " with this com.fasterxml.jackson ObjectMapper, or use BackendJson or a Jackson 3 mapper.");
    }

    /** @throws IllegalStateException always; not reached: {@link #init} fails first */
    @Override
    public String idFromValue(Object value) {
        throw new IllegalStateException(MESSAGE);
    }

    /** @throws IllegalStateException always; not reached: {@link #init} fails first */
    @Override
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
        throw new IllegalStateException(MESSAGE);
    }

    /** @return {@link JsonTypeInfo.Id#CUSTOM}, as the guard's {@code @JsonTypeInfo} */
    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}

package dev.kgateway.sdk.model.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.jsontype.TypeResolverBuilder;
import tools.jackson.databind.jsontype.TypeSerializer;

import java.util.Collection;

/**
 * The Jackson 3 half of the guard every generated model type carries against plain Jackson 2:
 * <pre>{@code
 * @com.fasterxml.jackson.annotation.JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "...")
 * @tools.jackson.databind.annotation.JsonTypeResolver(NoTypeIds.class)
 * public abstract class Backend { ... }
 * }</pre>
 * Jackson 3 takes its own {@code @JsonTypeResolver} and so this builder, which builds neither a type
 * serializer nor a type deserializer: the JSON carries no type id, exactly as without the guard.
 * Jackson 2 does not know Jackson 3's annotation, sees only {@code CUSTOM} without an id resolver and
 * fails on the first write or read of a model type, instead of writing every unknown member as a dump
 * of Jackson 3's node object. The optional {@code kgateway-sdk-jackson2} module lifts the guard.
 *
 * <p>Internal: referenced by generated code only.
 */
public final class NoTypeIds implements TypeResolverBuilder<NoTypeIds> {

    /** Instantiated by Jackson 3 for each {@code @JsonTypeResolver(NoTypeIds.class)}. */
    public NoTypeIds() {
    }

    /** @return {@code null}: no default implementation, the type is never polymorphic */
    @Override
    public Class<?> getDefaultImpl() {
        return null;
    }

    /** @return {@code null}: no type id is written */
    @Override
    public TypeSerializer buildTypeSerializer(SerializationContext ctxt, JavaType baseType, Collection<NamedType> subtypes) {
        return null;
    }

    /** @return {@code null}: no type id is expected when reading */
    @Override
    public TypeDeserializer buildTypeDeserializer(DeserializationContext ctxt, JavaType baseType, Collection<NamedType> subtypes) {
        return null;
    }

    /** @return this builder: the settings of {@code @JsonTypeInfo} are addressed to Jackson 2 */
    @Override
    public NoTypeIds init(JsonTypeInfo.Value settings, TypeIdResolver res) {
        return this;
    }

    /** @return this builder, unchanged */
    @Override
    public NoTypeIds withDefaultImpl(Class<?> defaultImpl) {
        return this;
    }

    /** @return this builder, unchanged */
    @Override
    public NoTypeIds withSettings(JsonTypeInfo.Value settings) {
        return this;
    }
}

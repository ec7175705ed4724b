package dev.kgateway.sdk.jackson2.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import tools.jackson.databind.annotation.JsonTypeResolver;

/**
 * Lifts the guard every generated model type carries against plain Jackson 2: {@code @JsonTypeInfo(use = CUSTOM)}
 * (which Jackson 2 cannot build without a Jackson 2 id resolver, so it fails loudly instead of
 * writing Jackson 3 node dumps) next to Jackson 3's {@code @JsonTypeResolver} (which tells Jackson 3
 * to write no type id, through the model's {@code NoTypeIds}). With this module registered, such types get no type id in Jackson 2 either,
 * and the module's serializers handle them.
 */
public final class Jackson2TypeGuard extends NopAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    /** @return whether {@code raw} carries the guard */
    public static boolean isGuarded(Class<?> raw) {
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
            if (info != null && info.use() == JsonTypeInfo.Id.CUSTOM && c.isAnnotationPresent(JsonTypeResolver.class)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
        return isGuarded(ac.getRawType()) ? StdTypeResolverBuilder.noTypeInfoBuilder() : null;
    }
}

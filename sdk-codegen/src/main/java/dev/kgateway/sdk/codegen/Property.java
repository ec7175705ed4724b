package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JType;

import java.util.List;
import java.util.Map;

/**
 * One member of a schema object as the generator sees it.
 *
 * @param jsonName the JSON member name
 * @param javaName the Java property name (builder method name; the accessor is {@code get} + it)
 * @param schema   the member's schema with {@code $ref} resolved
 * @param type     the Java type jsonschema2pojo chose for it
 * @param required whether the object's {@code required} lists it
 */
record Property(String jsonName, String javaName, JsonNode schema, JType type, boolean required) {

    String getter() {
        return "get" + Names.capitalize(javaName);
    }

    boolean isList() {
        return isA(List.class);
    }

    boolean isMap() {
        return isA(Map.class);
    }

    boolean isCollection() {
        return isList() || isMap();
    }

    /** The element type of a list, or the value type of a map. */
    JClass elementType() {
        List<JClass> parameters = ((JClass) type).getTypeParameters();
        return parameters.get(parameters.size() - 1);
    }

    private boolean isA(Class<?> container) {
        return type instanceof JClass && type.erasure().fullName().equals(container.getName());
    }
}

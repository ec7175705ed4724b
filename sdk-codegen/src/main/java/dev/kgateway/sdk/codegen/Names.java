package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;

import javax.lang.model.SourceVersion;
import java.util.Locale;

/** Java names for schema nodes: class names, property names and constant names. */
final class Names {

    private Names() {
    }

    /** The class name from {@code javaType}, else the capitalized node name. */
    static String className(String nodeName, JsonNode node) {
        if (node.hasNonNull(SchemaKeywords.JAVA_TYPE)) {
            String javaType = node.get(SchemaKeywords.JAVA_TYPE).asText();
            return javaType.substring(javaType.lastIndexOf('.') + 1);
        }
        return capitalize(camel(nodeName));
    }

    /** The Java property name from {@code javaName}, else the camel-cased JSON name. */
    static String propertyName(String jsonName, JsonNode node, String schemaPath) {
        String name = node.hasNonNull(SchemaKeywords.JAVA_NAME) ? node.get(SchemaKeywords.JAVA_NAME).asText() : camel(jsonName);
        if (name.isEmpty() || !SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            throw new GenerationException("Property '" + jsonName + "' at " + schemaPath
                    + " has no usable Java name ('" + name + "' is a keyword or not an identifier): give it a \""
                    + SchemaKeywords.JAVA_NAME + "\"");
        }
        return name;
    }

    /** Constant name for an enum value: {@code "Static"} to {@code STATIC}, {@code "DynamicForwardProxy"} to {@code DYNAMIC_FORWARD_PROXY}. */
    static String constantName(String value) {
        StringBuilder out = new StringBuilder();
        char previous = 0;
        for (char c : value.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            } else {
                if (Character.isUpperCase(c) && Character.isLowerCase(previous) && out.length() > 0) {
                    out.append('_');
                }
                out.append(Character.toUpperCase(c));
            }
            previous = c;
        }
        String name = out.toString().replaceAll("_+$", "");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "V_" + name;
        }
        return name;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String camel(String s) {
        StringBuilder out = new StringBuilder();
        boolean upperNext = false;
        for (char c : s.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upperNext = out.length() > 0;
            } else if (upperNext) {
                out.append(Character.toUpperCase(c));
                upperNext = false;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

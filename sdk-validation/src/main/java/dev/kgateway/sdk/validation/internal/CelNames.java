package dev.kgateway.sdk.validation.internal;

import java.util.Set;

/**
 * kube-apiserver's escaping of property names in CEL ({@code k8s.io/apiserver/pkg/cel}): a name that
 * is a CEL reserved word is {@code __word__} ({@code self.__namespace__}), and {@code __}, {@code .},
 * {@code -}, {@code /} inside a name are {@code __underscores__}, {@code __dot__}, {@code __dash__},
 * {@code __slash__}.
 */
final class CelNames {

    static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const", "continue", "else",
            "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");

    private CelNames() {
    }

    static String escape(String name) {
        if (RESERVED.contains(name)) {
            return "__" + name + "__";
        }
        return name.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__").replace("/", "__slash__");
    }

    static String unescape(String celName) {
        if (celName.length() > 4 && celName.startsWith("__") && celName.endsWith("__")
                && RESERVED.contains(celName.substring(2, celName.length() - 2))) {
            return celName.substring(2, celName.length() - 2);
        }
        if (!celName.contains("__")) {
            return celName;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < celName.length()) {
            if (celName.startsWith("__underscores__", i)) {
                out.append("__");
                i += "__underscores__".length();
            } else if (celName.startsWith("__dot__", i)) {
                out.append('.');
                i += "__dot__".length();
            } else if (celName.startsWith("__dash__", i)) {
                out.append('-');
                i += "__dash__".length();
            } else if (celName.startsWith("__slash__", i)) {
                out.append('/');
                i += "__slash__".length();
            } else {
                out.append(celName.charAt(i++));
            }
        }
        return out.toString();
    }
}

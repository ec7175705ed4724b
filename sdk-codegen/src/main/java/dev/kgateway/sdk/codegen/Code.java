package dev.kgateway.sdk.codegen;

import com.sun.codemodel.JBlock;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JType;

/**
 * Java statements written as text into a CodeModel block, indented like the code around them.
 *
 * <p>CodeModel indents a direct statement's first line only; here every line of {@code text} becomes
 * its own statement, so a multi-line snippet keeps its relative indentation inside the block.
 * Snippets name types by {@link #typeName}: simple names for {@code java.lang} and the generated
 * class's own package, which need no import.
 */
final class Code {

    private Code() {
    }

    /** Appends {@code text}, one statement per line, to {@code block}. */
    static void lines(JBlock block, String text) {
        for (String line : text.stripTrailing().split("\n")) {
            if (!line.isBlank()) {
                block.directStatement(line.stripTrailing());
            }
        }
    }

    /**
     * How code inside {@code context} names {@code type}: simple names for {@code java.lang} and
     * {@code context}'s package, type arguments likewise; any other type fully qualified.
     */
    static String typeName(JType type, JDefinedClass context) {
        if (!(type instanceof JClass)) {
            return type.fullName();
        }
        JClass c = (JClass) type;
        JClass erasure = c.erasure();
        String pkg = erasure._package() == null ? "" : erasure._package().name();
        String base;
        if (erasure.outer() != null) {
            base = typeName(erasure.outer(), context) + "." + erasure.name();
        } else if (pkg.equals("java.lang") || pkg.equals(context._package().name())) {
            base = erasure.name();
        } else {
            base = erasure.fullName();
        }
        if (c.getTypeParameters().isEmpty()) {
            return base;
        }
        StringBuilder s = new StringBuilder(base).append('<');
        for (int i = 0; i < c.getTypeParameters().size(); i++) {
            s.append(i == 0 ? "" : ", ").append(typeName(c.getTypeParameters().get(i), context));
        }
        return s.append('>').toString();
    }
}

package dev.kgateway.sdk.codegen;

import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JPackage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One {@link JClass} per class name and code model, so that generated sources import types instead
 * of spelling out their package.
 *
 * <p>CodeModel imports a type only when every reference to its simple name in a file is the same
 * {@code JClass} object; {@link JCodeModel#directClass(String)} makes a new one per call, and two of
 * them for one name read as a clash, so the file got fully qualified names throughout. Here a name
 * resolves, in this order, to the class the generator defined ({@code X} or its nested
 * {@code X.Builder}, printed {@code X.Builder}), to the class on the generator's class path
 * (annotations such as {@code JsonInclude.Include}), or to one remembered direct class per name.
 */
final class ClassRefs {

    private static final Map<JCodeModel, Map<String, JClass>> DIRECT = Collections.synchronizedMap(new WeakHashMap<>());

    private ClassRefs() {
    }

    /** The class named {@code fullName} (nested classes with dots: {@code a.b.Outer.Inner}). */
    static JClass of(JCodeModel owner, String fullName) {
        JClass defined = defined(owner, fullName);
        if (defined != null) {
            return defined;
        }
        Class<?> loaded = load(fullName);
        if (loaded != null) {
            return owner.ref(loaded);
        }
        return DIRECT.computeIfAbsent(owner, o -> new HashMap<>()).computeIfAbsent(fullName, owner::directClass);
    }

    /** A class the generator defined in {@code owner}, looked up without creating packages. */
    private static JClass defined(JCodeModel owner, String fullName) {
        for (Iterator<JPackage> it = owner.packages(); it.hasNext(); ) {
            JPackage pkg = it.next();
            String prefix = pkg.isUnnamed() ? "" : pkg.name() + ".";
            if (!fullName.startsWith(prefix) || fullName.length() == prefix.length()) {
                continue;
            }
            String[] names = fullName.substring(prefix.length()).split("\\.");
            JDefinedClass c = pkg._getClass(names[0]);
            for (int i = 1; c != null && i < names.length; i++) {
                c = nested(c, names[i]);
            }
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static JDefinedClass nested(JDefinedClass outer, String name) {
        for (Iterator<JDefinedClass> it = outer.classes(); it.hasNext(); ) {
            JDefinedClass inner = it.next();
            if (inner.name().equals(name)) {
                return inner;
            }
        }
        return null;
    }

    /** A class of the generator's own class path, trying {@code a.b.Outer$Inner} for {@code a.b.Outer.Inner}. */
    private static Class<?> load(String fullName) {
        String name = fullName;
        for (int dots = 0; dots < 3; dots++) {
            try {
                return Class.forName(name, false, ClassRefs.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                int last = name.lastIndexOf('.');
                if (last < 0) {
                    return null;
                }
                name = name.substring(0, last) + '$' + name.substring(last + 1);
            }
        }
        return null;
    }
}

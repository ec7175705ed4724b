package dev.kgateway.sdk.codegen;

import com.sun.codemodel.JDefinedClass;

/**
 * Marks a generated top-level type with {@code @javax.annotation.processing.Generated} (module
 * {@code java.compiler}, in every JDK since 9; source retention, so no runtime dependency), naming
 * this generator and the schema the type comes from. No date: the same schema gives the same sources.
 */
final class GeneratedMark {

    static final String ANNOTATION = "javax.annotation.processing.Generated";
    static final String GENERATOR = "dev.kgateway.sdk.codegen";

    private GeneratedMark() {
    }

    /** Adds {@code @Generated(value = "dev.kgateway.sdk.codegen", comments = "from <schema>")}. */
    static void mark(JDefinedClass c, String schema) {
        c.annotate(ClassRefs.of(c.owner(), ANNOTATION))
                .param("value", GENERATOR)
                .param("comments", "from " + schema);
    }
}

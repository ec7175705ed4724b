package dev.kgateway.sdk.codegen;

import com.sun.codemodel.ClassType;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JClassContainer;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;
import org.jsonschema2pojo.Schema;
import org.jsonschema2pojo.rules.Rule;
import org.jsonschema2pojo.rules.RuleFactory;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * jsonschema2pojo rule factory that turns every schema object into an abstract Immutables value
 * type and every {@code enum} into an open enum class.
 *
 * <p>Configure it on {@code jsonschema2pojo-maven-plugin} with
 * {@code <customRuleFactory>dev.kgateway.sdk.codegen.ImmutablesRuleFactory</customRuleFactory>}
 * and list this module as a dependency of the plugin. Everything else (property typing, {@code $ref}
 * resolution, formats, arrays) stays jsonschema2pojo's own.
 */
public class ImmutablesRuleFactory extends RuleFactory {

    /** Created by jsonschema2pojo, which then sets the configuration, annotator and schema store. */
    public ImmutablesRuleFactory() {
        super();
    }

    /** Types this factory generated, by fully qualified name; read by the validation emitter. */
    private final Map<String, GeneratedKind> generated = new HashMap<>();

    /** The schema files seen, by document URI: repository name, instance paths, release lines. */
    private final Map<URI, SchemaSource> sources = new HashMap<>();

    /** What the generator knows about the file {@code schema} comes from; read once per file. */
    SchemaSource source(Schema schema) {
        if (schema == null || schema.getId() == null) {
            return SchemaSource.load(URI.create("unknown:schema.json"));
        }
        return sources.computeIfAbsent(SchemaSource.documentOf(schema), SchemaSource::load);
    }

    @Override
    public Rule<JPackage, JType> getObjectRule() {
        return new ImmutableObjectRule(this);
    }

    @Override
    public Rule<JClassContainer, JType> getEnumRule() {
        return new OpenEnumRule(this);
    }

    /**
     * Declares the class of one schema and remembers what it is; two schemas that map to one class
     * name are an error naming both the name and the schema.
     */
    JDefinedClass defineClass(JPackage pkg, int mods, String className, Schema schema, String where, GeneratedKind kind) {
        JDefinedClass c;
        try {
            c = pkg._class(mods, className, ClassType.CLASS);
        } catch (JClassAlreadyExistsException e) {
            throw new GenerationException((kind == GeneratedKind.OPEN_ENUM ? "enum" : "object") + " at " + where
                    + " maps to class " + className + " which another schema already uses: give it its own \""
                    + SchemaKeywords.JAVA_TYPE + "\"");
        }
        schema.setJavaTypeIfEmpty(c);
        GeneratedMark.mark(c, source(schema).location(schema));
        generated.put(c.fullName(), kind);
        return c;
    }

    GeneratedKind kindOf(JType type) {
        return generated.getOrDefault(type.erasure().fullName(), GeneratedKind.OTHER);
    }

    /** What a generated Java type is, as far as validation and builders are concerned. */
    enum GeneratedKind { VALUE, OPEN_ENUM, OTHER }
}

package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.codemodel.JAnnotationUse;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;
import com.sun.codemodel.JVar;
import org.jsonschema2pojo.Schema;
import org.jsonschema2pojo.rules.Rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns a schema object into a public abstract class that Immutables implements:
 * <ul>
 *   <li>one nullable accessor per property (reads are tolerant: nothing is mandatory at build time),
 *       lists and maps as immutable collections;</li>
 *   <li>an any-getter map that keeps the JSON members the schema does not know;</li>
 *   <li>{@code builder()}, {@code toBuilder()}, {@code withX(..)} and a nested {@code Builder} with a
 *       consumer overload for every nested object ({@code .spec(s -> s.type(..))});</li>
 *   <li>{@code collectViolations(..)}: the schema's rules as code (see {@link ValidationEmitter});</li>
 *   <li>a {@code toString()} that prints the names, never the values, of unknown members and of
 *       free-form maps.</li>
 * </ul>
 * Objects that only declare {@code additionalProperties} become {@code Map<String, T>}.
 */
final class ImmutableObjectRule implements Rule<JPackage, JType> {

    static final String JSON_NODE = "tools.jackson.databind.JsonNode";
    static final String UNKNOWN_MEMBERS = "additionalProperties";
    private static final String STYLE = "org.immutables.value.Value.Style";

    private final ImmutablesRuleFactory factory;
    private final SchemaResolver resolver;

    ImmutableObjectRule(ImmutablesRuleFactory factory) {
        this.factory = factory;
        this.resolver = new SchemaResolver(factory);
    }

    @Override
    public JType apply(String nodeName, JsonNode node, JsonNode parent, JPackage pkg, Schema schema) {
        JCodeModel owner = pkg.owner();
        String where = SchemaResolver.location(schema, nodeName);
        JsonNode properties = node.path("properties");
        if (properties.isEmpty()) {
            return mapType(nodeName, node, pkg, schema);
        }
        String className = Names.className(nodeName, node);
        JDefinedClass c = factory.defineClass(pkg, JMod.PUBLIC | JMod.ABSTRACT, className, schema, where,
                ImmutablesRuleFactory.GeneratedKind.VALUE);
        ensurePackageStyle(pkg, factory.source(schema).displayName());

        String immutable = pkg.name() + ".Immutable" + className;
        JClass immutableClass = ClassRefs.of(owner, immutable);
        c.annotate(ClassRefs.of(owner, "org.immutables.value.Value.Immutable"));
        // written by the generated XSerializer (SerializerEmitter): accessors straight to tokens, no bean introspection
        c.annotate(ClassRefs.of(owner, "tools.jackson.databind.annotation.JsonSerialize"))
                .param("using", ClassRefs.of(owner, CodecClass.Direction.WRITE.className(c)));
        // read by the generated XDeserializer (DeserializerEmitter), in every Jackson 3 mapper: tokens straight into
        // the builder, unknown members in document order (Immutables' Json delegate kept them in a HashMap)
        c.annotate(ClassRefs.of(owner, "tools.jackson.databind.annotation.JsonDeserialize"))
                .param("using", ClassRefs.of(owner, CodecClass.Direction.READ.className(c)));
        c.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonInclude"))
                .param("value", ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonInclude.Include").staticRef("NON_NULL"));
        // plain Jackson 2 fails (Jackson2Refusal names the fix) instead of writing Jackson 3 node dumps; Jackson 3 obeys NoTypeIds
        c.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonTypeInfo"))
                .param("use", ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonTypeInfo.Id").staticRef("CUSTOM"));
        c.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver"))
                .param("value", ClassRefs.of(owner, pkg.name() + ".internal.Jackson2Refusal"));
        c.annotate(ClassRefs.of(owner, "tools.jackson.databind.annotation.JsonTypeResolver"))
                .param("value", ClassRefs.of(owner, pkg.name() + ".internal.NoTypeIds"));
        c.constructor(JMod.NONE).javadoc().add("Only the generated implementation extends this type.");

        List<Property> props = properties(node, c, schema, where);
        boolean root = parent == null;
        SchemaSource source = factory.source(schema);
        Set<String> objectPaths = source.instancePaths(schema);
        Map<Property, MemberDocs> docs = new LinkedHashMap<>();
        for (Property p : props) {
            docs.put(p, new MemberDocs(p, objectPaths, source));
        }
        if (docs.values().stream().anyMatch(d -> d.seedOnly() != null)) {
            // its own validation, toString and withers read the deprecated seed-only members
            c.annotate(SuppressWarnings.class).param("value", "deprecation");
        }
        JDefinedClass builder = BuilderMembers.declare(c);
        classJavadoc(c, node, props, source.location(schema));
        for (Property p : props) {
            accessor(c, p, docs.get(p));
        }
        unknownMembersAccessor(c);
        declaredNamesCheck(c, props);
        factoryMethods(c, builder, immutableClass, props, root);
        for (Property p : props) {
            wither(c, p, immutableClass, docs.get(p));
            editInPlace(c, p, docs.get(p));
        }
        BuilderMembers.emit(factory, c, builder, props, docs);
        new ValidationEmitter(factory, resolver, c, node, schema, props, where, docs).emit();
        if (root) {
            RootMembers.emit(c, node, props);
        }
        toStringMethod(c, props);
        String location = source.location(schema);
        new DeserializerEmitter(factory, c, props, location).emit();
        new SerializerEmitter(factory, c, props, location).emit();
        return c;
    }

    /** Gives {@code companion} the {@code @SuppressWarnings("deprecation")} of {@code value}, if it has it (seed-only members). */
    static void suppressDeprecationLike(JDefinedClass value, JDefinedClass companion) {
        for (JAnnotationUse use : value.annotations()) {
            if (use.getAnnotationClass().fullName().equals(SuppressWarnings.class.getName())) {
                companion.annotate(SuppressWarnings.class).param("value", "deprecation");
                return;
            }
        }
    }

    /** {@code {"type":"object","additionalProperties":{...}}} without properties is a map, not a wrapper class. */
    private JType mapType(String nodeName, JsonNode node, JPackage pkg, Schema schema) {
        JCodeModel owner = pkg.owner();
        JsonNode additional = node.get("additionalProperties");
        JClass valueType;
        if (additional != null && additional.isObject()) {
            Schema valueSchema = resolver.child(schema, "additionalProperties");
            JType resolved = factory.getSchemaRule().apply(nodeName + "Value", additional, node, pkg, valueSchema);
            valueSchema.setJavaTypeIfEmpty(resolved);
            valueType = resolved.boxify();
        } else {
            valueType = ClassRefs.of(owner, JSON_NODE);
        }
        return owner.ref(Map.class).narrow(owner.ref(String.class), valueType);
    }

    private List<Property> properties(JsonNode node, JDefinedClass c, Schema schema, String where) {
        Set<String> required = new HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        List<Property> props = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String jsonName = entry.getKey();
            Schema propertySchema = resolver.propertySchema(schema, jsonName);
            JType type = factory.getSchemaRule().apply(jsonName, entry.getValue(), node, c, propertySchema);
            propertySchema.setJavaTypeIfEmpty(type);
            JsonNode resolved = resolver.resolve(entry.getValue(), schema);
            String javaName = Names.propertyName(jsonName, entry.getValue(), where + "/properties/" + jsonName);
            if (javaName.equals(UNKNOWN_MEMBERS)) {
                throw new GenerationException("Property '" + jsonName + "' at " + where + " clashes with the unknown-members map: give it a \""
                        + SchemaKeywords.JAVA_NAME + "\"");
            }
            props.add(new Property(jsonName, javaName, resolved, type.isPrimitive() ? type.boxify() : type, required.contains(jsonName)));
        }
        for (String name : required) {
            if (!node.get("properties").has(name)) {
                throw new GenerationException("required member '" + name + "' at " + where + " is not among its properties");
            }
        }
        return props;
    }

    private static void ensurePackageStyle(JPackage pkg, String schemaName) {
        for (JAnnotationUse use : pkg.annotations()) {
            if (use.getAnnotationClass().fullName().equals(STYLE)) {
                return;
            }
        }
        JAnnotationUse style = pkg.annotate(ClassRefs.of(pkg.owner(), STYLE));
        style.paramArray("get").param("get*").param("is*");
        style.param("visibility", ClassRefs.of(pkg.owner(), STYLE + ".ImplementationVisibility").staticRef("PACKAGE"));
        style.param("overshadowImplementation", true);
        style.param("jdkOnly", true);
        style.param("defaultAsDefault", false);
        pkg.javadoc().add("The kgateway model, generated from " + MemberDocs.code(schemaName) + ". Start at {@link "
                + pkg.name() + ".Backend}.\n<p>One shared Immutables style: implementations stay package-private,"
                + "\naccessors are {@code getX()}, builders are the public {@code X.Builder}.");
    }

    private static void classJavadoc(JDefinedClass c, JsonNode node, List<Property> props, String location) {
        String name = c.name();
        StringBuilder doc = new StringBuilder(MemberDocs.html(node.path("description").asText(name + ".")));
        doc.append("\n<p>Generated from ").append(MemberDocs.code(location)).append(";")
                .append(" immutable, with a builder. Reading is tolerant (nothing is mandatory at build time);")
                .append(" JSON members the schema does not know are kept in {@link #getAdditionalProperties()}.")
                .append("\n<pre>{@code\n").append(name).append(" value = ").append(name).append(".builder()");
        for (Property p : props) {
            doc.append("\n    .").append(p.javaName()).append("(...)");
        }
        doc.append("\n    .build();\n").append(name).append(" changed = value.toBuilder()");
        Property first = props.get(0);
        doc.append(".").append(first.javaName()).append("(...).build();\n}</pre>");
        c.javadoc().add(doc.toString());
    }

    private static void accessor(JDefinedClass c, Property p, MemberDocs docs) {
        JCodeModel owner = c.owner();
        JMethod getter = c.method(JMod.PUBLIC | JMod.ABSTRACT, p.type(), p.getter());
        getter.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonProperty")).param("value", p.jsonName());
        if (p.isCollection()) {
            getter.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonInclude"))
                    .param("value", ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonInclude.Include").staticRef("NON_EMPTY"));
            // a JSON null (an empty YAML value) reads as absent, as an empty collection
            getter.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonSetter"))
                    .param("nulls", ClassRefs.of(owner, "com.fasterxml.jackson.annotation.Nulls").staticRef("SKIP"));
        } else {
            getter.annotate(ClassRefs.of(owner, "javax.annotation.Nullable"));
        }
        getter.javadoc().add(docs.full());
        docs.deprecateIfSeedOnly(getter);
        getter.javadoc().addReturn().add(p.isCollection() ? "an immutable collection, empty when absent" : "the value, or {@code null} when absent");
    }

    private static void unknownMembersAccessor(JDefinedClass c) {
        JCodeModel owner = c.owner();
        JClass map = owner.ref(Map.class).narrow(owner.ref(String.class), ClassRefs.of(owner, JSON_NODE));
        JMethod getter = c.method(JMod.PUBLIC | JMod.ABSTRACT, map, "get" + Names.capitalize(UNKNOWN_MEMBERS));
        getter.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonAnyGetter"));
        getter.javadoc().add("JSON members the schema does not describe, kept as read and written back unchanged."
                + "\n<p>{@code toString()} prints their names only: their values may hold secrets.");
        getter.javadoc().addReturn().add("an immutable map from member name to its JSON value");

        String withName = "with" + Names.capitalize(UNKNOWN_MEMBERS);
        JMethod with = c.method(JMod.PUBLIC, c, withName);
        JVar entries = with.param(owner.ref(Map.class).narrow(owner.ref(String.class), ClassRefs.of(owner, JSON_NODE).wildcard()), "entries");
        with.body()._return(ClassRefs.of(owner, c.getPackage().name() + ".Immutable" + c.name()).staticInvoke("copyOf").arg(JExpr._this())
                .invoke(withName).arg(entries));
        with.javadoc().add("A copy of this object with the unknown members replaced; this object is unchanged.");
        with.javadoc().addParam(entries).add("the new unknown members");
        with.javadoc().addReturn().add("the copy");
    }

    /**
     * An unknown member named like a declared one ({@code putAdditionalProperties("name", ..)} on
     * ObjectMeta) would be written twice, {@code {"name":"a","name":"b"}}, a document readers take
     * differently (BackendJson rejects it): building such an object fails instead.
     */
    private static void declaredNamesCheck(JDefinedClass c, List<Property> props) {
        JCodeModel owner = c.owner();
        JMethod check = c.method(JMod.PROTECTED, owner.VOID, "checkUnknownMemberNames");
        check.annotate(ClassRefs.of(owner, "org.immutables.value.Value.Check"));
        StringBuilder names = new StringBuilder();
        for (Property p : props) {
            names.append(", \"").append(p.jsonName().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        // runs at every build() and withX(..): the names' varargs array only when there is something to check
        String unknown = "get" + Names.capitalize(UNKNOWN_MEMBERS) + "()";
        Code.lines(check.body(), "if (!" + unknown + ".isEmpty()) {\n    SchemaChecks.rejectDeclaredNames(\"" + c.name() + "\", "
                + unknown + names + ");\n}");
        check.javadoc().add("Fails when an unknown member is named like a declared member: it would be written twice.");
    }

    private static void factoryMethods(JDefinedClass c, JDefinedClass builder, JClass immutableClass, List<Property> props, boolean root) {
        JMethod create = c.method(JMod.PUBLIC | JMod.STATIC, builder, "builder");
        if (root) {
            create.body().decl(builder, "builder", immutableClass.staticInvoke("builder"));
            for (Property p : props) {
                if (p.schema().has("const")) {
                    create.body().invoke(JExpr.ref("builder"), p.javaName()).arg(JExpr.lit(p.schema().get("const").asText()));
                }
            }
            create.body()._return(JExpr.ref("builder"));
            create.javadoc().add("A new builder, with the constant members ({@code apiVersion}, {@code kind}) already set.");
            create.javadoc().addReturn().add("the builder");
        } else {
            create.body()._return(immutableClass.staticInvoke("builder"));
            create.javadoc().add("A new, empty builder.");
            create.javadoc().addReturn().add("the builder");
        }
        JMethod toBuilder = c.method(JMod.PUBLIC, builder, "toBuilder");
        toBuilder.body()._return(immutableClass.staticInvoke("builder").invoke("from").arg(JExpr._this()));
        toBuilder.javadoc().add("A builder holding every value of this object, unknown members included.");
        toBuilder.javadoc().addReturn().add("the builder");
    }

    private void wither(JDefinedClass c, Property p, JClass immutableClass, MemberDocs docs) {
        JCodeModel owner = c.owner();
        String name = "with" + Names.capitalize(p.javaName());
        JMethod with = c.method(JMod.PUBLIC, c, name);
        JVar value;
        if (p.isList()) {
            // Immutables drops the wildcard for final element types; the signatures must match to override.
            JClass element = p.elementType();
            boolean finalElement = BuilderMembers.isFinal(factory, element);
            value = with.param(owner.ref(Iterable.class).narrow(finalElement ? element : element.wildcard()), "elements");
        } else if (p.isMap()) {
            value = with.param(owner.ref(Map.class).narrow(owner.ref(String.class), p.elementType().wildcard()), "entries");
        } else {
            value = with.param(p.type(), "value");
            value.annotate(ClassRefs.of(owner, "javax.annotation.Nullable"));
        }
        with.body()._return(immutableClass.staticInvoke("copyOf").arg(JExpr._this()).invoke(name).arg(value));
        with.javadoc().add("A copy of this object with {@code " + p.jsonName() + "} replaced; this object is unchanged."
                + (docs.releases() == null ? "" : "\n<p>" + docs.releases()) + "\n@see #" + p.getter() + "()");
        with.javadoc().addParam(value).add(p.isCollection() ? "the new contents" : "the new value, or {@code null} to remove it");
        with.javadoc().addReturn().add("the copy");
        docs.deprecateIfSeedOnly(with);
    }

    /**
     * {@code editSpec(s -> s.editAws(a -> a.region("eu-west-1")))} on a value: a copy whose member is
     * the current value (or an empty one) changed through its builder.
     */
    private void editInPlace(JDefinedClass c, Property p, MemberDocs docs) {
        if (p.isCollection() || factory.kindOf(p.type()) != ImmutablesRuleFactory.GeneratedKind.VALUE) {
            return;
        }
        JCodeModel owner = c.owner();
        JClass target = ClassRefs.of(owner, p.type().fullName());
        JClass targetBuilder = ClassRefs.of(owner, p.type().fullName() + ".Builder");
        String cap = Names.capitalize(p.javaName());
        JMethod edit = c.method(JMod.PUBLIC, c, "edit" + cap);
        JVar consumer = edit.param(owner.ref(Consumer.class).narrow(targetBuilder), "edit");
        edit.body().decl(target, "current", JExpr.invoke(p.getter()));
        edit.body().decl(targetBuilder, "nested",
                com.sun.codemodel.JOp.cond(JExpr.ref("current").eq(JExpr._null()), target.staticInvoke("builder"), JExpr.ref("current").invoke("toBuilder")));
        edit.body().invoke(consumer, "accept").arg(JExpr.ref("nested"));
        edit.body()._return(JExpr.invoke("with" + cap).arg(JExpr.ref("nested").invoke("build")));
        edit.javadoc().add("A copy of this object with {@code " + p.jsonName() + "} changed in place; this object is unchanged."
                + "\n{@code edit} gets a builder holding the current value (an empty builder when it is not set);"
                + "\nwhat it builds becomes the new value. Edits nest, so one deep change is one expression:"
                + "\n<pre>{@code\nBackend moved = backend.editSpec(s -> s.editAws(a -> a.region(\"eu-west-1\")));\n}</pre>");
        edit.javadoc().addParam(consumer).add("changes the nested builder");
        edit.javadoc().addReturn().add("the copy");
        docs.deprecateIfSeedOnly(edit);
    }

    private static void toStringMethod(JDefinedClass c, List<Property> props) {
        StringBuilder body = new StringBuilder("return new ModelToString(\"" + c.name() + "\")");
        for (Property p : props) {
            boolean opaque = isFreeForm(p);
            // format "password" (OpenAPI's mark for a secret string, such as an inline API key): never printed
            boolean secret = "password".equals(p.schema().path("format").asText());
            body.append("\n        .").append(secret ? "secret" : opaque ? "names" : "add").append("(\"").append(p.javaName()).append("\", ")
                    .append(p.getter()).append("())");
        }
        body.append("\n        .names(\"unknownMembers\", get").append(Names.capitalize(UNKNOWN_MEMBERS)).append("())");
        body.append("\n        .toString();");
        JMethod toString = c.method(JMod.PUBLIC, String.class, "toString");
        toString.annotate(Override.class);
        Code.lines(toString.body(), body.toString());
        toString.javadoc().add("The known members that are set; of unknown members and free-form maps only their names, never their values.");
        toString.javadoc().addReturn().add("a description safe to log");
    }

    /**
     * A map whose values the schema does not describe: JSON values, or strings without a
     * {@code pattern}/{@code enum}/{@code const} ({@code metadata.annotations}, where kubectl keeps
     * the whole last-applied manifest). {@code toString()} prints only its keys: the values may hold secrets.
     */
    private static boolean isFreeForm(Property p) {
        if (!p.isMap()) {
            return false;
        }
        if (p.elementType().fullName().equals(JSON_NODE)) {
            return true;
        }
        JsonNode values = p.schema().path("additionalProperties");
        return p.elementType().fullName().equals(String.class.getName())
                && !values.has("pattern") && !values.has("enum") && !values.has("const");
    }
}

package dev.kgateway.sdk.codegen;

import com.sun.codemodel.JClass;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JType;
import com.sun.codemodel.JVar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The public nested {@code X.Builder} of a generated type: an abstract class that Immutables
 * implements ({@code ImmutableX.Builder extends X.Builder}), so that every builder method a user calls
 * is declared, and documented, on the public type rather than inherited from the package-private
 * implementation:
 * <ul>
 *   <li>setters, and for collections the adders, putters, {@code addAll}/{@code putAll} and
 *       replacing setters, with the exact signatures Immutables generates (a mismatch is a compile
 *       error in the generated implementation);</li>
 *   <li>{@code from(X)} and {@code build()};</li>
 *   <li>for object-valued members, {@code x(Consumer<Nested.Builder>)} (a new nested value) and
 *       {@code editX(Consumer<Nested.Builder>)} (change the current one in place).</li>
 * </ul>
 */
final class BuilderMembers {

    private final ImmutablesRuleFactory factory;
    private final JDefinedClass value;
    private final JDefinedClass builder;
    private final JCodeModel owner;

    private BuilderMembers(ImmutablesRuleFactory factory, JDefinedClass value, JDefinedClass builder) {
        this.factory = factory;
        this.value = value;
        this.builder = builder;
        this.owner = value.owner();
    }

    /** Declares {@code X.Builder}; its members come from {@link #emit}. */
    static JDefinedClass declare(JDefinedClass c) {
        try {
            JDefinedClass builder = c._class(JMod.PUBLIC | JMod.STATIC | JMod.ABSTRACT, "Builder");
            builder.constructor(JMod.NONE).javadoc().add("Only the generated implementation extends this type; use {@link "
                    + c.name() + "#builder()} or {@link " + c.name() + "#toBuilder()}.");
            builder.javadoc().add("Builds {@link " + c.name() + "} values. Every method returns this builder, so calls chain;"
                    + "\nnested objects also take a {@code Consumer} of their own builder, either a new one"
                    + "\n({@code .x(b -> ...)}) or one holding the current value ({@code .editX(b -> ...)})."
                    + "\n<p>Building never validates: call {@code validate()} on the result, or let the client do it.");
            return builder;
        } catch (JClassAlreadyExistsException e) {
            throw new GenerationException("object " + c.fullName() + " declares a nested Builder twice");
        }
    }

    static void emit(ImmutablesRuleFactory factory, JDefinedClass value, JDefinedClass builder,
                     Iterable<Property> props, Map<Property, MemberDocs> docs) {
        BuilderMembers m = new BuilderMembers(factory, value, builder);
        m.from();
        for (Property p : props) {
            MemberDocs doc = docs.get(p);
            if (p.isList()) {
                m.listMethods(p, doc);
            } else if (p.isMap()) {
                m.mapMethods(p.javaName(), p.elementType(), doc.full(), p.jsonName());
            } else {
                m.setter(p, doc);
            }
            m.nestedBuilders(p, doc);
        }
        m.mapMethods(ImmutableObjectRule.UNKNOWN_MEMBERS, ClassRefs.of(owner(value), ImmutableObjectRule.JSON_NODE),
                "JSON members the schema does not describe, written as they are next to the declared ones."
                        + "\n<p>A name the schema declares is rejected by {@link #build()}: it would be written twice.",
                null);
        m.build();
    }

    private static JCodeModel owner(JDefinedClass c) {
        return c.owner();
    }

    private JMethod abstractMethod(String name) {
        JMethod method = builder.method(JMod.PUBLIC | JMod.ABSTRACT, builder, name);
        return method;
    }

    private void from() {
        JMethod from = abstractMethod("from");
        JVar instance = from.param(value, "instance");
        from.javadoc().add("Copies the values of {@code instance} into this builder, unknown members included: a member set"
                + "\nin {@code instance} replaces this builder's value; one absent there leaves this builder's value as it is;"
                + "\nlist elements and map entries are added to those already in this builder.");
        from.javadoc().addParam(instance).add("the value to copy from");
        from.javadoc().addReturn().add("this builder");
    }

    private void build() {
        JMethod build = builder.method(JMod.PUBLIC | JMod.ABSTRACT, value, "build");
        build.javadoc().add("Builds the immutable {@link " + value.name() + "}. Nothing is mandatory at build time and"
                + "\nnothing is validated (call {@code validate()} on the root for that); the builder can be used again."
                + "\n<p>Fails with {@link IllegalStateException} when an unknown member is named like a declared one.");
        build.javadoc().addReturn().add("a new immutable value");
    }

    private void setter(Property p, MemberDocs doc) {
        JMethod set = abstractMethod(p.javaName());
        JVar v = set.param(p.type(), p.javaName());
        v.annotate(ClassRefs.of(owner, "javax.annotation.Nullable"));
        set.javadoc().add("Sets {@code " + p.jsonName() + "}; {@code null} removes it.\n" + doc.full());
        set.javadoc().addParam(v).add("the new value, or {@code null}");
        set.javadoc().addReturn().add("this builder");
        doc.deprecateIfSeedOnly(set);
    }

    private void listMethods(Property p, MemberDocs doc) {
        JClass element = p.elementType();
        String cap = Names.capitalize(p.javaName());
        JClass iterable = owner.ref(Iterable.class).narrow(isFinal(factory, element) ? element : element.wildcard());

        // Immutables takes primitives in the adders of boxed elements: addPorts(int), addPorts(int...)
        JType single = element.unboxify();
        JMethod addOne = abstractMethod("add" + cap);
        JVar one = addOne.param(single, "element");
        addOne.javadoc().add("Adds one element to {@code " + p.jsonName() + "}.\n" + doc.full());
        addOne.javadoc().addParam(one).add("the element, not null");
        addOne.javadoc().addReturn().add("this builder");

        JMethod addMany = abstractMethod("add" + cap);
        JVar many = addMany.varParam(single, "elements");
        addMany.javadoc().add("Adds elements to {@code " + p.jsonName() + "}, in order. See {@link #add" + cap + "("
                + single.erasure().name() + ")}.");
        addMany.javadoc().addParam(many).add("the elements, none null");
        addMany.javadoc().addReturn().add("this builder");

        JMethod replace = abstractMethod(p.javaName());
        JVar all = replace.param(iterable, "elements");
        replace.javadoc().add("Replaces the elements of {@code " + p.jsonName() + "}. See {@link #add" + cap + "("
                + single.erasure().name() + ")}.");
        replace.javadoc().addParam(all).add("the new elements, none null");
        replace.javadoc().addReturn().add("this builder");

        JMethod addAll = abstractMethod("addAll" + cap);
        JVar more = addAll.param(iterable, "elements");
        addAll.javadoc().add("Adds elements to {@code " + p.jsonName() + "}, in order. See {@link #add" + cap + "("
                + single.erasure().name() + ")}.");
        addAll.javadoc().addParam(more).add("the elements, none null");
        addAll.javadoc().addReturn().add("this builder");
        for (JMethod method : new JMethod[] {addOne, addMany, replace, addAll}) {
            doc.deprecateIfSeedOnly(method);
        }
    }

    private void mapMethods(String javaName, JClass valueType, String doc, String jsonName) {
        String cap = Names.capitalize(javaName);
        String what = jsonName == null ? "the unknown members" : "{@code " + jsonName + "}";
        JClass string = owner.ref(String.class);
        JClass map = owner.ref(Map.class).narrow(string, valueType.wildcard());

        JMethod put = abstractMethod("put" + cap);
        JVar key = put.param(string, "key");
        JVar val = put.param(valueType.unboxify(), "value");
        put.javadoc().add("Puts one entry into " + what + ", replacing an entry with the same key.\n" + doc);
        put.javadoc().addParam(key).add("the key, not null");
        put.javadoc().addParam(val).add("the value, not null");
        put.javadoc().addReturn().add("this builder");

        JMethod putEntry = abstractMethod("put" + cap);
        JVar entry = putEntry.param(owner.ref(Map.Entry.class).narrow(string, valueType.wildcard()), "entry");
        putEntry.javadoc().add("Puts one entry into " + what + ". See {@link #put" + cap + "(String, " + valueType.unboxify().erasure().name() + ")}.");
        putEntry.javadoc().addParam(entry).add("the entry, key and value not null");
        putEntry.javadoc().addReturn().add("this builder");

        JMethod replace = abstractMethod(javaName);
        JVar entries = replace.param(map, "entries");
        replace.javadoc().add("Replaces the entries of " + what + ". See {@link #put" + cap + "(String, " + valueType.unboxify().erasure().name() + ")}.");
        replace.javadoc().addParam(entries).add("the new entries, keys and values not null");
        replace.javadoc().addReturn().add("this builder");

        JMethod putAll = abstractMethod("putAll" + cap);
        JVar more = putAll.param(map, "entries");
        putAll.javadoc().add("Puts every entry of {@code entries} into " + what + ". See {@link #put" + cap + "(String, "
                + valueType.unboxify().erasure().name() + ")}.");
        putAll.javadoc().addParam(more).add("the entries, keys and values not null");
        putAll.javadoc().addReturn().add("this builder");
    }

    /** {@code spec(Consumer<BackendSpec.Builder>)}, {@code editSpec(..)} and {@code addHosts(Consumer<StaticHost.Builder>)}. */
    private void nestedBuilders(Property p, MemberDocs doc) {
        boolean list = p.isList();
        JType target = list ? p.elementType() : p.type();
        if (factory.kindOf(target) != ImmutablesRuleFactory.GeneratedKind.VALUE || p.isMap()) {
            return;
        }
        String method = list ? "add" + Names.capitalize(p.javaName()) : p.javaName();
        JClass targetClass = ClassRefs.of(owner, target.fullName());
        JClass targetBuilder = ClassRefs.of(owner, target.fullName() + ".Builder");
        JMethod overload = builder.method(JMod.PUBLIC, builder, method);
        JVar consumer = overload.param(owner.ref(Consumer.class).narrow(targetBuilder), "configure");
        overload.body().decl(targetBuilder, "nested", targetClass.staticInvoke("builder"));
        overload.body().invoke(consumer, "accept").arg(JExpr.ref("nested"));
        overload.body()._return(JExpr.invoke(method).arg(JExpr.ref("nested").invoke("build")));
        overload.javadoc().add((list ? "Adds one element to {@code " : "Sets {@code ") + p.jsonName()
                + "}, built from a new, empty builder" + (list ? "" : " (the current value, if any, is replaced; see {@link #edit"
                + Names.capitalize(p.javaName()) + "(Consumer)} to change it instead)") + "."
                + "\n<pre>{@code\n." + method + "(x -> x.someProperty(...))\n}</pre>");
        overload.javadoc().addParam(consumer).add("fills in the nested builder");
        overload.javadoc().addReturn().add("this builder");
        doc.deprecateIfSeedOnly(overload);
        if (!list) {
            doc.deprecateIfSeedOnly(editInPlace(p, targetClass, targetBuilder));
        } else {
            doc.deprecateIfSeedOnly(editMatching(p, targetClass, targetBuilder));
            doc.deprecateIfSeedOnly(removeMatching(p, targetClass));
        }
    }

    private JMethod editInPlace(Property p, JClass targetClass, JClass targetBuilder) {
        String cap = Names.capitalize(p.javaName());
        JMethod edit = builder.method(JMod.PUBLIC, builder, "edit" + cap);
        JVar consumer = edit.param(owner.ref(Consumer.class).narrow(targetBuilder), "edit");
        edit.body().decl(targetClass, "current", JExpr.invoke("build").invoke(p.getter()));
        edit.body().decl(targetBuilder, "nested",
                com.sun.codemodel.JOp.cond(JExpr.ref("current").eq(JExpr._null()), targetClass.staticInvoke("builder"), JExpr.ref("current").invoke("toBuilder")));
        edit.body().invoke(consumer, "accept").arg(JExpr.ref("nested"));
        edit.body()._return(JExpr.invoke(p.javaName()).arg(JExpr.ref("nested").invoke("build")));
        edit.javadoc().add("Changes {@code " + p.jsonName() + "} in place: {@code edit} gets a builder holding its current value"
                + "\n(an empty builder when it is not set), and what it builds becomes the new value; every other member is kept."
                + "\n<pre>{@code\nbackend.toBuilder()\n    .editSpec(s -> s.editAws(a -> a.region(\"eu-west-1\")))\n    .build();\n}</pre>"
                + "\n<p>The current value is read from a snapshot of this builder ({@link #build()}), so the same rule applies:"
                + "\nan unknown member named like a declared one fails here already.");
        edit.javadoc().addParam(consumer).add("changes the nested builder");
        edit.javadoc().addReturn().add("this builder");
        return edit;
    }

    /**
     * {@code editMatchingHosts(h -> h.getPort() == 8080, h -> h.port(9090))}: every element that
     * matches is replaced by what its builder (holding the element) builds; the others, and the order,
     * are kept.
     */
    private JMethod editMatching(Property p, JClass element, JClass elementBuilder) {
        String cap = Names.capitalize(p.javaName());
        JMethod edit = builder.method(JMod.PUBLIC, builder, "editMatching" + cap);
        JVar match = edit.param(owner.ref(java.util.function.Predicate.class).narrow(element), "match");
        JVar consumer = edit.param(owner.ref(Consumer.class).narrow(elementBuilder), "edit");
        edit.body().decl(owner.ref(List.class).narrow(element), "edited", JExpr._new(owner.ref(ArrayList.class).narrow(element)));
        Code.lines(edit.body(), "for (" + Code.typeName(element, value) + " element : build()." + p.getter() + "()) {\n"
                + "    if (" + match.name() + ".test(element)) {\n"
                + "        " + Code.typeName(elementBuilder, value) + " nested = element.toBuilder();\n"
                + "        " + consumer.name() + ".accept(nested);\n"
                + "        edited.add(nested.build());\n"
                + "    } else {\n"
                + "        edited.add(element);\n"
                + "    }\n"
                + "}\n"
                + "return " + p.javaName() + "(edited);");
        edit.javadoc().add("Changes, in place, every element of {@code " + p.jsonName() + "} that {@code match} accepts:"
                + "\n{@code edit} gets a builder holding the element, and what it builds takes the element's place;"
                + "\nthe other elements and the order are kept. One deep change stays one expression:"
                + "\n<pre>{@code\nBackend moved = backend.editSpec(s -> s.editStaticBackend(st -> st"
                + "\n    .editMatchingHosts(h -> \"10.0.0.8\".equals(h.getHost()), h -> h.port(9090))));\n}</pre>"
                + "\n<p>The elements are read from a snapshot of this builder ({@link #build()}).");
        edit.javadoc().addParam(match).add("selects the elements to change");
        edit.javadoc().addParam(consumer).add("changes one element's builder; called once per matching element");
        edit.javadoc().addReturn().add("this builder");
        return edit;
    }

    /** {@code removeMatchingFromHosts(h -> h.getPort() == 8080)}: every element that matches is removed. */
    private JMethod removeMatching(Property p, JClass element) {
        String cap = Names.capitalize(p.javaName());
        JMethod remove = builder.method(JMod.PUBLIC, builder, "removeMatchingFrom" + cap);
        JVar match = remove.param(owner.ref(java.util.function.Predicate.class).narrow(element), "match");
        remove.body().decl(owner.ref(List.class).narrow(element), "kept", JExpr._new(owner.ref(ArrayList.class).narrow(element)));
        Code.lines(remove.body(), "for (" + Code.typeName(element, value) + " element : build()." + p.getter() + "()) {\n"
                + "    if (!" + match.name() + ".test(element)) {\n"
                + "        kept.add(element);\n"
                + "    }\n"
                + "}\n"
                + "return " + p.javaName() + "(kept);");
        remove.javadoc().add("Removes every element of {@code " + p.jsonName() + "} that {@code match} accepts; the others keep their order."
                + "\n<pre>{@code\nBackend fewer = backend.editSpec(s -> s.editStaticBackend(st -> st"
                + "\n    .removeMatchingFromHosts(h -> h.getPort() == 8080)));\n}</pre>"
                + "\n<p>The elements are read from a snapshot of this builder ({@link #build()}).");
        remove.javadoc().addParam(match).add("selects the elements to remove");
        remove.javadoc().addReturn().add("this builder");
        return remove;
    }

    /** The final JDK types jsonschema2pojo maps schema scalars to. */
    private static final java.util.Set<String> FINAL_JDK_TYPES = java.util.Set.of(
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float",
            "java.lang.Boolean", "java.lang.Short", "java.lang.Byte", "java.lang.Character");

    /**
     * Whether Immutables drops the wildcard for this element type ({@code Iterable<String>} rather
     * than {@code Iterable<? extends String>}): it does for final classes, such as {@code String},
     * the boxed numbers and the generated open enums, and not for {@code Object}, {@code JsonNode} or
     * the abstract generated value types.
     */
    static boolean isFinal(ImmutablesRuleFactory factory, JClass element) {
        return FINAL_JDK_TYPES.contains(element.fullName())
                || factory.kindOf(element) == ImmutablesRuleFactory.GeneratedKind.OPEN_ENUM;
    }
}

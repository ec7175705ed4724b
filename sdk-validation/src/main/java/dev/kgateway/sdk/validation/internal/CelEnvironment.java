package dev.kgateway.sdk.validation.internal;

import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OptionalType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL environment kube-apiserver gives {@code x-kubernetes-validations}: standard CEL, macros,
 * the strings, optional, bindings and sets extensions and {@link KubernetesCelLibrary}. Split in two
 * so that a JVM whose rules all come from {@link AstStore} never loads the parser and the checker:
 * {@link #runtime()} plans every program (compiled or stored), {@link #compiler} is built on the
 * first rule that has to be compiled.
 */
final class CelEnvironment {

    /**
     * Bump when the libraries below change (besides this name, {@link AstStore}'s keys cover the options
     * and the bytes of this class and of {@link KubernetesCelLibrary}, so any edit here is a miss anyway).
     */
    private static final String LIBRARIES = "standard+macros+strings+optional+bindings+sets+kubernetes/1";

    static final CelOptions OPTIONS = CelOptions.current().enableOptionalSyntax(true).build();

    private CelEnvironment() {
    }

    private static final class Runtime {
        static final CelRuntime INSTANCE = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(OPTIONS)
                .addLibraries(CelExtensions.strings(), CelExtensions.optional(), CelExtensions.sets(OPTIONS))
                .addFunctionBindings(KubernetesCelLibrary.bindings())
                .build();
    }

    private static final class Compiler {
        static final CelCompiler BASE = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.optional(), CelExtensions.bindings(),
                        CelExtensions.sets(OPTIONS))
                .addFunctionDeclarations(KubernetesCelLibrary.declarations())
                .build();
    }

    /** @return the runtime that plans every rule's program */
    static CelRuntime runtime() {
        return Runtime.INSTANCE;
    }

    /** @return a compiler with {@code self} of the given type and {@code oldSelf} of it or its optional */
    static CelCompiler compiler(CelType selfType, boolean optionalOldSelf) {
        return Compiler.BASE.toCompilerBuilder()
                .addVar("self", selfType)
                .addVar("oldSelf", optionalOldSelf ? OptionalType.create(selfType) : selfType)
                .build();
    }

    /** @return what, besides {@code self}'s type and cel-java itself, a checked AST depends on */
    static String fingerprint() {
        return LIBRARIES + "\n" + OPTIONS;
    }
}

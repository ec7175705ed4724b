package dev.kgateway.sdk.kubeapiserver;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit 5 extension behind {@link KubeApiServerTest @KubeApiServerTest}: starts the servers
 * (one shared per JVM, or one per class that asks for its own) and injects them.
 */
public final class KubeApiServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    /** System property: {@code true} turns "no programs" from an aborted class into a failure. */
    public static final String REQUIRED = "kgateway.sdk.kubeApiServer.required";

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubeApiServerExtension.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    /** Created by JUnit. */
    public KubeApiServerExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KubeApiServerTest settings = settings(context);
        if (KubeApiServer.binaries().isEmpty()) {
            String why = "the real kube-apiserver suites did not run: " + KubeApiServer.whyNoBinaries();
            if (Boolean.getBoolean(REQUIRED)) {
                throw new ExtensionConfigurationException(why + " (" + REQUIRED + "=true)");
            }
            if (TOLD.compareAndSet(false, true)) {
                System.err.println("\n*** " + why + " ***\n");
            }
            throw new TestAbortedException(why);
        }
        boolean own = settings.dedicated() || settings.flags().length > 0 || settings.users().length > 0;
        if (own) {
            KubeApiServer.Builder builder = KubeApiServer.builder();
            for (String flag : settings.flags()) {
                int eq = flag.indexOf('=');
                if (eq < 1) {
                    throw new ExtensionConfigurationException("flags are name=value: " + flag);
                }
                builder.flag(flag.substring(0, eq), flag.substring(eq + 1));
            }
            for (String user : settings.users()) {
                int colon = user.indexOf(':');
                builder.user(colon < 0 ? user : user.substring(0, colon),
                        colon < 0 || colon == user.length() - 1 ? new String[0] : user.substring(colon + 1).split(","));
            }
            context.getStore(STORE).put("server", new Running(builder.start()));
        } else {
            context.getRoot().getStore(STORE).getOrComputeIfAbsent("shared", k -> new Running(KubeApiServer.start()), Running.class);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        KubeApiServer server = server(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.getType() == KubeApiServer.class && !Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())) {
                        field.setAccessible(true);
                        field.set(instance, server);
                    }
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KubeApiServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static KubeApiServer server(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Running own = c.get().getStore(STORE).get("server", Running.class);
            if (own != null) {
                return own.server;
            }
        }
        Running shared = context.getRoot().getStore(STORE).get("shared", Running.class);
        if (shared == null) {
            throw new ExtensionConfigurationException("no kube-apiserver: is @KubeApiServerTest on the class?");
        }
        return shared.server;
    }

    private static KubeApiServerTest settings(ExtensionContext context) {
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent();
                c = c.get().getEnclosingClass() == null ? Optional.empty() : Optional.of(c.get().getEnclosingClass())) {
            KubeApiServerTest found = c.get().getAnnotation(KubeApiServerTest.class);
            if (found != null) {
                return found;
            }
        }
        throw new ExtensionConfigurationException("KubeApiServerExtension needs @KubeApiServerTest on the test class");
    }

    /** A server in a JUnit store, stopped when its context ends. */
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final KubeApiServer server;
        private final AtomicBoolean closed = new AtomicBoolean();

        Running(KubeApiServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                server.close();
            }
        }
    }
}

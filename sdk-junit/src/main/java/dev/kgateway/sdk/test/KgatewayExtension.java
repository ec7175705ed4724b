package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerExtension;
import dev.kgateway.sdk.test.internal.RealServerSession;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit 5 extension behind {@link KgatewayTest @KgatewayTest}: starts the servers, creates the
 * namespaces and injects them. Register it through the annotation.
 */
public final class KgatewayExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KgatewayExtension.class);
    private static final String SERVER = "server";
    private static final String NAMESPACE = "namespace";
    private static final String REAL = "real";
    private static final String REAL_SERVER = "kube-apiserver";

    /** Created by JUnit. */
    public KgatewayExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KgatewayTest settings = settings(context);
        if (settings.server().resolve() == TestServerKind.KUBE_APISERVER) {
            if (context.getStore(STORE).get(REAL) == null) {
                context.getStore(STORE).put(REAL, new RealRunning(new RealServerSession(sharedRealServer(context),
                        List.of(settings.crds()), KgatewayTestServer.SDK_BACKEND_CRD, settings.release())));
            }
            return;
        }
        if (!settings.serverPerMethod() && context.getStore(STORE).get(SERVER) == null) {
            context.getStore(STORE).put(SERVER, new Running(start(settings)));
        }
    }

    /** One real kube-apiserver for the whole run, stopped at its end; a clear failure or abort when its programs are missing. */
    private static KubeApiServer sharedRealServer(ExtensionContext context) {
        if (KubeApiServer.binaries().isEmpty()) {
            String why = "@KgatewayTest on kube-apiserver cannot run: " + KubeApiServer.whyNoBinaries();
            if (Boolean.getBoolean(KubeApiServerExtension.REQUIRED)) {
                throw new ExtensionConfigurationException(why);
            }
            throw new TestAbortedException(why);
        }
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(REAL_SERVER, k -> new SharedReal(KubeApiServer.start()),
                SharedReal.class).server;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        KgatewayTest settings = settings(context);
        RealRunning real = real(context);
        if (real != null) {
            String namespace = real.session.createNamespace();
            context.getStore(STORE).put(NAMESPACE, namespace);
            for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
                injectReal(instance, real.session, namespace);
            }
            return;
        }
        if (settings.serverPerMethod()) {
            context.getStore(STORE).put(SERVER, new Running(start(settings)));
        }
        KgatewayTestServer server = server(context);
        String namespace = server.createNamespace();
        context.getStore(STORE).put(NAMESPACE, namespace);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance, server, namespace);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String namespace = context.getStore(STORE).get(NAMESPACE, String.class);
        RealRunning real = real(context);
        if (namespace != null && real != null) {
            real.session.deleteNamespace(namespace);
            return;
        }
        if (namespace != null && !settings(context).serverPerMethod()) {
            try {
                server(context).deleteNamespace(namespace);
            } catch (RuntimeException e) {
                // a test that left faults planned may see its clean-up refused; the namespace is unique anyway
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KgatewayTestServer.class || type == TestCluster.class || type == KgatewayClient.class || type == KubernetesClient.class
                || type == KubeApiServer.class || type == String.class && parameter.isAnnotated(TestNamespace.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == String.class) {
            String namespace = context.getStore(STORE).get(NAMESPACE, String.class);
            if (namespace == null) {
                throw new ParameterResolutionException("@TestNamespace is only available in test methods and @BeforeEach/@AfterEach methods");
            }
            return namespace;
        }
        RealRunning real = real(context);
        if (real != null) {
            return realValue(type, real.session);
        }
        if (type == KubeApiServer.class) {
            throw new ParameterResolutionException("a KubeApiServer is injected only when the class runs on kube-apiserver");
        }
        Running running = context.getStore(STORE).get(SERVER, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("no server yet: with serverPerMethod = true the server exists only around each test");
        }
        return value(type, running.server());
    }

    private static Object value(Class<?> type, KgatewayTestServer server) {
        if (type == KgatewayTestServer.class || type == TestCluster.class) {
            return server;
        }
        return type == KgatewayClient.class ? server.kgatewayClient() : server.kubernetesClient();
    }

    private static RealRunning real(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            RealRunning found = c.get().getStore(STORE).get(REAL, RealRunning.class);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Object realValue(Class<?> type, RealServerSession session) {
        if (type == KgatewayTestServer.class) {
            throw new ParameterResolutionException("this class runs on kube-apiserver: a KgatewayTestServer (faults, request log) is"
                    + " the embedded server's; use @KgatewayTest(server = TestServerKind.EMBEDDED) for it");
        }
        if (type == KubeApiServer.class) {
            return session.server();
        }
        if (type == TestCluster.class) {
            return session;
        }
        return type == KgatewayClient.class ? session.kgatewayClient() : session.kubernetesClient();
    }

    private static void injectReal(Object instance, RealServerSession session, String namespace) throws IllegalAccessException {
        inject(instance, namespace, (field, type) -> {
            if (type == KgatewayTestServer.class) {
                throw new ExtensionConfigurationException(field + ": this class runs on kube-apiserver, and a KgatewayTestServer"
                        + " (faults, request log) is the embedded server's; use @KgatewayTest(server = TestServerKind.EMBEDDED)");
            }
            return type == KgatewayClient.class || type == KubernetesClient.class || type == KubeApiServer.class || type == TestCluster.class
                    ? realValue(type, session) : null;
        });
    }

    private static void inject(Object instance, KgatewayTestServer server, String namespace) throws IllegalAccessException {
        inject(instance, namespace, (field, type) -> type == KgatewayTestServer.class || type == TestCluster.class
                || type == KgatewayClient.class || type == KubernetesClient.class ? value(type, server) : null);
    }

    /** Sets every non-static, non-final field of {@code instance} that is the namespace or that {@code valueOf} has a value for. */
    private static void inject(Object instance, String namespace, java.util.function.BiFunction<Field, Class<?>, Object> valueOf)
            throws IllegalAccessException {
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                    continue;
                }
                Class<?> type = field.getType();
                Object value = type == String.class && field.isAnnotationPresent(TestNamespace.class) ? namespace : valueOf.apply(field, type);
                if (value != null) {
                    field.setAccessible(true);
                    field.set(instance, value);
                }
            }
        }
    }

    private static KgatewayTestServer server(ExtensionContext context) {
        Running running = context.getStore(STORE).get(SERVER, Running.class);
        if (running == null) {
            throw new ExtensionConfigurationException("@KgatewayTest server missing: was the extension registered on the class?");
        }
        return running.server();
    }

    private static KgatewayTest settings(ExtensionContext context) {
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent(); c = c.get().getEnclosingClass() == null
                ? Optional.empty() : Optional.of(c.get().getEnclosingClass())) {
            KgatewayTest found = c.get().getAnnotation(KgatewayTest.class);
            if (found != null) {
                return found;
            }
        }
        throw new ExtensionConfigurationException("KgatewayExtension needs @KgatewayTest on the test class");
    }

    private static KgatewayTestServer start(KgatewayTest settings) {
        Admission admission;
        try {
            admission = settings.admission().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ExtensionConfigurationException("cannot create admission " + settings.admission().getName()
                    + ": it needs a public no-argument constructor", e);
        }
        return KgatewayTestServer.builder().admission(admission).watchHistory(settings.watchHistory())
                .bookmarkInterval(Duration.ofMillis(settings.bookmarkIntervalMillis())).crds(settings.crds()).release(settings.release()).start();
    }

    /** A class's session on the real server, closed with the class. */
    @SuppressWarnings("deprecation")
    private record RealRunning(RealServerSession session) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    /** The run's real server, stopped when the run ends. */
    @SuppressWarnings("deprecation")
    private record SharedReal(KubeApiServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    /** A server in a JUnit store: closed when its context ends (JUnit 5.13+ closes AutoCloseable values, older ones CloseableResource). */
    @SuppressWarnings("deprecation")
    private static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final KgatewayTestServer server;
        private boolean closed;

        Running(KgatewayTestServer server) {
            this.server = server;
        }

        KgatewayTestServer server() {
            return server;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                server.close();
            }
        }
    }
}

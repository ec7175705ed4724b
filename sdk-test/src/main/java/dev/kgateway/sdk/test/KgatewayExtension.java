package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.KgatewayClient;
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
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link KgatewayTest @KgatewayTest}: starts the servers, creates the
 * namespaces and injects them. Register it through the annotation.
 */
public final class KgatewayExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KgatewayExtension.class);
    private static final String SERVER = "server";
    private static final String NAMESPACE = "namespace";

    /** Created by JUnit. */
    public KgatewayExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KgatewayTest settings = settings(context);
        if (!settings.serverPerMethod() && context.getStore(STORE).get(SERVER) == null) {
            context.getStore(STORE).put(SERVER, new Running(start(settings)));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        KgatewayTest settings = settings(context);
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
        return type == KgatewayTestServer.class || type == KgatewayClient.class || type == KubernetesClient.class
                || type == String.class && parameter.isAnnotated(TestNamespace.class);
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
        Running running = context.getStore(STORE).get(SERVER, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("no server yet: with serverPerMethod = true the server exists only around each test");
        }
        return value(type, running.server());
    }

    private static Object value(Class<?> type, KgatewayTestServer server) {
        if (type == KgatewayTestServer.class) {
            return server;
        }
        return type == KgatewayClient.class ? server.kgatewayClient() : server.kubernetesClient();
    }

    private static void inject(Object instance, KgatewayTestServer server, String namespace) throws IllegalAccessException {
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                    continue;
                }
                Class<?> type = field.getType();
                Object value = null;
                if (type == String.class && field.isAnnotationPresent(TestNamespace.class)) {
                    value = namespace;
                } else if (type == KgatewayTestServer.class || type == KgatewayClient.class || type == KubernetesClient.class) {
                    value = value(type, server);
                }
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

package dev.kgateway.sdk.spring.boot.test;

import dev.kgateway.sdk.test.KgatewayTestServer;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts a {@link KgatewayTestServer} for one application context, registers it as the bean
 * {@value #BEAN_NAME}, creates the namespaces asked for, and sets {@code kgateway.master-url} to it.
 * Equal customizers (the same CRDs and namespaces)
 * let Spring's test context cache reuse a context, and with it its server.
 */
final class KgatewayTestServerContextCustomizer implements ContextCustomizer {

    static final String BEAN_NAME = "kgatewayTestServer";
    private static final Set<String> PREDEFINED_NAMESPACES = Set.of("default", "kube-system", "kube-public");
    /** wins over application.properties and the test's own properties: the client must reach this server */
    static final String SERVER_PROPERTIES = "kgatewayTestServer";
    /** loses against every other source: a test may set its own backoff */
    static final String DEFAULT_PROPERTIES = "kgatewayTestServerDefaults";

    private final List<String> extraCrds;
    private final List<String> namespaces;

    KgatewayTestServerContextCustomizer(List<String> extraCrds, List<String> namespaces) {
        this.extraCrds = List.copyOf(extraCrds);
        this.namespaces = List.copyOf(namespaces);
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        List<String> crds = new ArrayList<>();
        crds.add(KgatewayTestServer.SDK_BACKEND_CRD);
        crds.addAll(extraCrds);
        KgatewayTestServer server = KgatewayTestServer.builder().crds(crds.toArray(String[]::new)).start();
        try {
            namespaces.stream().filter(ns -> !PREDEFINED_NAMESPACES.contains(ns)).forEach(server::createNamespace);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        beans.registerSingleton(BEAN_NAME, server);
        if (beans instanceof DefaultSingletonBeanRegistry registry) {
            // destroyed in reverse registration order: after the KgatewayClient and informer beans stopped
            registry.registerDisposableBean(BEAN_NAME, server::close);
        } else {
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    server.close();
                }
            });
        }
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        sources.addFirst(new MapPropertySource(SERVER_PROPERTIES, Map.of("kgateway.master-url", server.url())));
        sources.addLast(new MapPropertySource(DEFAULT_PROPERTIES, Map.of(
                "kgateway.retry.initial-backoff", "10ms",
                "kgateway.retry.max-backoff", "100ms")));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KgatewayTestServerContextCustomizer that && extraCrds.equals(that.extraCrds)
                && namespaces.equals(that.namespaces);
    }

    @Override
    public int hashCode() {
        return 31 * extraCrds.hashCode() + namespaces.hashCode();
    }
}

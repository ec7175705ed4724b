package dev.kgateway.sdk.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Micrometer is optional: with no {@code io.micrometer} class on the class path, every class of the
 * client but the metrics adapter loads and links, and a client built without {@code meterRegistry(..)}
 * works. Runs the client in a class loader made of the test class path minus Micrometer's jars.
 */
class ClientWithoutMicrometerTest {

    private static URLClassLoader withoutMicrometer() {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty() || entry.replace('\\', '/').contains("/io/micrometer/")) {
                continue;
            }
            try {
                urls.add(Paths.get(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new URLClassLoader("without-micrometer", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void theIsolatedClassPathReallyLacksMicrometer() throws Exception {
        assertThat(Class.forName("io.micrometer.core.instrument.MeterRegistry")).isNotNull();
        try (URLClassLoader loader = withoutMicrometer()) {
            assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(loader.loadClass(KgatewayClient.class.getName()).getClassLoader()).isSameAs(loader);
        }
    }

    @Test
    void everyClientClassButTheMetricsAdapterLoadsAndLinksWithoutMicrometer() throws Exception {
        Path classes = Paths.get(KgatewayClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
                    .filter(n -> !n.startsWith("dev.kgateway.sdk.client.metrics.") && !n.endsWith("package-info"))
                    .toList();
        }
        assertThat(names).contains(KgatewayClient.class.getName(), KgatewayClient.Builder.class.getName(),
                "dev.kgateway.sdk.client.internal.RequestExecutor");
        try (URLClassLoader loader = withoutMicrometer()) {
            for (String name : names) {
                // initialize: links (verifies) the class, which loads what its code needs
                Class<?> loaded = Class.forName(name, true, loader);
                assertThat(loaded.getClassLoader()).as(name).isSameAs(loader);
            }
        }
    }

    @Test
    void aClientWithAListenerCreatesAndReadsWithoutMicrometer() throws Exception {
        // the loader stays open: Vert.x threads of the closed client still load classes as they wind down
        URLClassLoader loader = withoutMicrometer();
        try (ScriptedApiServer api = new ScriptedApiServer()) {
            @SuppressWarnings("unchecked")
            Function<String, String> scenario = (Function<String, String>) loader.loadClass(Scenario.class.getName())
                    .getDeclaredConstructor().newInstance();

            // fabric8 finds its HTTP client through the context class loader
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            String heard;
            try {
                heard = scenario.apply(api.config().getMasterUrl());
            } finally {
                thread.setContextClassLoader(previous);
            }

            assertThat(heard).isEqualTo("[create 2xx, get 2xx]");
        }
    }

    /** Runs inside the class loader without Micrometer. */
    public static final class Scenario implements Function<String, String> {
        @Override
        public String apply(String masterUrl) {
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            Config config = new ConfigBuilder().withMasterUrl(masterUrl).withTrustCerts(true).withNamespace(TestBackends.NS).build();
            try (KgatewayClient kgw = KgatewayClient.builder().config(config).listener(new KgatewayClientListener() {
                @Override
                public void onRequest(String verb, String outcome, Duration latency) {
                    heard.add(verb + " " + outcome);
                }
            }).build()) {
                kgw.installCrd(false);
                NamespacedBackendClient backends = kgw.backends().inNamespace(TestBackends.NS);
                backends.create(TestBackends.staticBackend("openai"));
                if (backends.get("openai").isEmpty()) {
                    throw new IllegalStateException("the created Backend was not found");
                }
            }
            return heard.toString();
        }
    }
}

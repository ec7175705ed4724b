package dev.kgateway.sdk.spring.boot.test;

import dev.kgateway.sdk.test.KgatewayTestServer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the test kit's embedded API server ({@link KgatewayTestServer}, with the SDK's Backend CRD
 * installed) for the test's application context and points the auto-configured {@code KgatewayClient}
 * at it ({@code kgateway.master-url}). The server is a bean, for faults and the request log, and stops
 * when the context closes. One server per application context: test classes that share a cached
 * context share its server.
 *
 * <p>{@link KgatewayClientTest} includes it. Use it on its own with a full {@code @SpringBootTest}, to
 * test the whole application (health, metrics, your services) against the embedded server:
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureKgatewayTestServer
 * class CatalogApplicationTest {
 *     @Autowired BackendCatalog catalog;
 *     @Autowired KgatewayTestServer server;
 *
 *     @Test
 *     void registersABackend() {
 *         catalog.register("payments", "10.0.0.7", 8080);
 *         assertThat(server.requests(c -> c.method().equals("POST"))).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p>Besides the master URL, the client's retries wait 10 to 100 ms instead of 50 ms to 2 s, unless
 * the test's properties set {@code kgateway.retry.initial-backoff} or {@code kgateway.retry.max-backoff}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureKgatewayTestServer {

    /**
     * @return classpath locations of further CRDs to install, next to the SDK's Backend CRD
     *     ({@link KgatewayTestServer#SDK_BACKEND_CRD})
     */
    String[] crds() default {};

    /**
     * @return namespaces to create before the context starts, such as the application's
     *     {@code kgateway.namespace} or an informer's namespace ({@code default} always exists)
     */
    String[] namespaces() default {};
}

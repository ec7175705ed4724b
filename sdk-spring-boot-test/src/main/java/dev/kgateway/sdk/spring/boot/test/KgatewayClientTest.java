package dev.kgateway.sdk.spring.boot.test;

import dev.kgateway.sdk.test.KgatewayTestServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring Boot test slice for code that uses a {@code KgatewayClient}: the context has only the
 * kgateway auto-configuration (the client, {@code kgateway.informers.*} beans, and the health
 * indicator and informer meters when their libraries are present) plus {@code KgatewayClientCustomizer}
 * components, and the client talks to the test kit's embedded API server
 * ({@link AutoConfigureKgatewayTestServer}), which is a bean too. Other components and
 * auto-configurations are left out; bring your own with {@code @Import} or {@link #includeFilters()}.
 *
 * <pre>{@code
 * @KgatewayClientTest
 * @Import(BackendCatalog.class)
 * class BackendCatalogTest {
 *     @Autowired BackendCatalog catalog;
 *     @Autowired KgatewayTestServer server;
 *
 *     @Test
 *     void aTransient503IsRetried() {
 *         server.faults().failNext(1, 503, call -> call.method().equals("GET"));
 *         assertThat(catalog.all()).isEmpty();
 *     }
 * }
 * }</pre>
 *
 * <p>Like every slice, it needs a {@code @SpringBootConfiguration} class in the test's package or above
 * (the application's {@code @SpringBootApplication} class); its auto-configuration is replaced by the slice's.
 *
 * @see KgatewayTestServer
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(KgatewayClientTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(KgatewayClientTypeExcludeFilter.class)
@AutoConfigureKgatewayTestServer
@ImportAutoConfiguration
public @interface KgatewayClientTest {

    /** @return properties in {@code key=value} form added to the environment before the context starts */
    String[] properties() default {};

    /** @return whether the default includes ({@code KgatewayClientCustomizer} components) are scanned */
    boolean useDefaultFilters() default true;

    /** @return further components to scan into the context */
    Filter[] includeFilters() default {};

    /** @return components to leave out of the scan */
    Filter[] excludeFilters() default {};

    /** @return auto-configuration classes of the slice to leave out */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}

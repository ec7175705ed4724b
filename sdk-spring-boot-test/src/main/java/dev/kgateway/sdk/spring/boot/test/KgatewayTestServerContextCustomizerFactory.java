package dev.kgateway.sdk.spring.boot.test;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;

/**
 * Registered in {@code META-INF/spring.factories}: gives a test class annotated (directly, through
 * {@link KgatewayClientTest}, or on an enclosing class) with {@link AutoConfigureKgatewayTestServer}
 * an embedded API server.
 */
final class KgatewayTestServerContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureKgatewayTestServer annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureKgatewayTestServer.class);
        return annotation == null ? null : new KgatewayTestServerContextCustomizer(
                List.of(annotation.crds()), List.of(annotation.namespaces()));
    }
}

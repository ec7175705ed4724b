package dev.kgateway.sdk.spring.boot.test;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Keeps component scanning of a {@link KgatewayClientTest} to the types listed in
 * {@code META-INF/spring/dev.kgateway.sdk.spring.boot.test.KgatewayClientTest.includes}
 * ({@code KgatewayClientCustomizer} components) and the annotation's include filters.
 */
final class KgatewayClientTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<KgatewayClientTest> {

    KgatewayClientTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}

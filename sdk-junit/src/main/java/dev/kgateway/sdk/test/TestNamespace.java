package dev.kgateway.sdk.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} field or parameter that {@link KgatewayTest @KgatewayTest} fills with the
 * current test's namespace: created before the test, deleted (with everything in it) after it.
 *
 * <pre>{@code
 * @Test
 * void listsBackends(KgatewayClient kgw, @TestNamespace String ns) { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TestNamespace {
}

package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.KgatewayClient;

/**
 * Changes the auto-configured {@link KgatewayClient} before it is built, after the
 * {@code kgateway.*} properties were applied. Every customizer bean runs, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * KgatewayClientCustomizer strictRetries() {
 *     return builder -> builder.retryPolicy(RetryPolicy.NONE);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KgatewayClientCustomizer {

    /** @param builder the builder of the auto-configured client, with the properties applied */
    void customize(KgatewayClient.Builder builder);
}

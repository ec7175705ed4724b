package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.KgatewayClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link KgatewayHealthIndicator} as the {@code kgateway} health contributor when Spring
 * Boot's health module is present ({@code spring-boot-health}, which {@code spring-boot-starter-actuator}
 * brings); {@code management.health.kgateway.enabled=false} turns it off.
 */
@AutoConfiguration(after = KgatewayAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(KgatewayClient.class)
@ConditionalOnEnabledHealthIndicator("kgateway")
public class KgatewayHealthAutoConfiguration {

    /** @return the indicator, named {@code kgateway} after the bean */
    @Bean
    @ConditionalOnMissingBean(name = "kgatewayHealthIndicator")
    public KgatewayHealthIndicator kgatewayHealthIndicator(KgatewayClient client, ObjectProvider<ManagedBackendInformer> informers) {
        return new KgatewayHealthIndicator(client, informers.orderedStream().toList());
    }
}

package dev.kgateway.sdk.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * When Micrometer is present: declares {@link KgatewayInformerMetrics} as a {@link MeterBinder} bean
 * (Spring Boot's metrics support binds it to the application's registries), and a
 * {@link KgatewayClientCustomizer} that records the auto-configured client's requests, retries,
 * conflict retries and watch re-lists in the application's {@link MeterRegistry}
 * ({@code KgatewayClient.builder().meterRegistry(..)}).
 */
@AutoConfiguration(after = KgatewayAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
public class KgatewayMetricsAutoConfiguration {

    /** @return the informer meters */
    @Bean
    @ConditionalOnMissingBean
    public KgatewayInformerMetrics kgatewayInformerMetrics(ObjectProvider<ManagedBackendInformer> informers) {
        return new KgatewayInformerMetrics(informers.orderedStream().toList());
    }

    /**
     * @return a customizer binding the client's {@code kgateway.client.*} meters to the application's
     *         registry (its primary one when there are several); it does nothing when there is none
     */
    @Bean
    @ConditionalOnMissingBean(name = "kgatewayClientMetricsCustomizer")
    public KgatewayClientCustomizer kgatewayClientMetricsCustomizer(ObjectProvider<MeterRegistry> registries) {
        return builder -> {
            MeterRegistry registry = registries.getIfUnique();
            if (registry != null) {
                builder.meterRegistry(registry);
            }
        };
    }
}

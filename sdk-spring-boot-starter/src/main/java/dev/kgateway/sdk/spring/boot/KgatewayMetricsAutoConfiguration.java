package dev.kgateway.sdk.spring.boot;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Declares {@link KgatewayInformerMetrics} as a {@link MeterBinder} bean when Micrometer is
 * present; Spring Boot's metrics support binds it to the application's registries.
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
}

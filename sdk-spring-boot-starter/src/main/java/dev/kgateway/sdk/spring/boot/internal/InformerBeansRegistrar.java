package dev.kgateway.sdk.spring.boot.internal;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.spring.boot.BackendInformerDefinition;
import dev.kgateway.sdk.spring.boot.KgatewayProperties;
import dev.kgateway.sdk.spring.boot.ManagedBackendInformer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import java.util.Map;

/** Registers a {@link ManagedBackendInformer} bean for each {@code kgateway.informers.<name>} entry. */
public final class InformerBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

    static final String PREFIX = "kgateway.informers";

    private Environment environment;
    private BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        Map<String, KgatewayProperties.Informer> informers = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, KgatewayProperties.Informer.class))
                .orElse(Map.of());
        informers.forEach((name, settings) -> {
            if (registry.containsBeanDefinition(name)) {
                throw new IllegalStateException(PREFIX + "." + name + ": the context has a bean named '" + name
                        + "' already; choose another informer name");
            }
            BackendInformerDefinition definition = definition(name, settings);
            RootBeanDefinition bean = new RootBeanDefinition(ManagedBackendInformer.class,
                    () -> new ManagedBackendInformer(name, beanFactory.getBean(KgatewayClient.class), definition));
            registry.registerBeanDefinition(name, bean);
        });
    }

    static BackendInformerDefinition definition(String name, KgatewayProperties.Informer settings) {
        try {
            BackendInformerDefinition base = settings.getNamespace() == null || settings.getNamespace().isBlank()
                    ? BackendInformerDefinition.allNamespaces()
                    : BackendInformerDefinition.inNamespace(settings.getNamespace());
            BackendInformerDefinition selected = base.withLabelSelector(settings.getLabelSelector());
            return selected.withListOptions(selected.listOptions().toBuilder()
                            .stripManagedFields(settings.isStripManagedFields())
                            .stripLastAppliedAnnotation(settings.isStripLastAppliedAnnotation())
                            .build())
                    .withResync(settings.getResync() == null ? java.time.Duration.ZERO : settings.getResync());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PREFIX + "." + name + ": " + e.getMessage(), e);
        }
    }
}

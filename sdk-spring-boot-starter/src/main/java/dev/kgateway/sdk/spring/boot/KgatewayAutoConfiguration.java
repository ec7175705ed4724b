package dev.kgateway.sdk.spring.boot;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.CrdValidation;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.internal.FieldManagers;
import dev.kgateway.sdk.spring.boot.internal.ReleaseValidation;
import dev.kgateway.sdk.spring.boot.internal.InformerBeansRegistrar;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link KgatewayClient} bean from the {@code kgateway.*} properties
 * ({@link KgatewayProperties}), and a {@link ManagedBackendInformer} bean for each
 * {@code kgateway.informers.<name>} entry.
 *
 * <p>The client reuses the application's fabric8 {@link KubernetesClient} bean when there is
 * exactly one (through {@link KgatewayClient#from}: closing the KgatewayClient leaves it open; it is
 * the application's to close), else a fabric8 {@link Config} bean, else the kubeconfig or in-cluster
 * configuration. {@link KgatewayClientCustomizer} beans run last. Declare your own
 * {@code KgatewayClient} bean to replace it. The context closes it: its watches and informers stop,
 * and the fabric8 client too when the KgatewayClient created it.
 *
 * <pre>{@code
 * @Service
 * class Routes {
 *     Routes(KgatewayClient kgw) { this.shop = kgw.backends().inDefaultNamespace(); }
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass(KgatewayClient.class)
@EnableConfigurationProperties(KgatewayProperties.class)
@Import(InformerBeansRegistrar.class)
public class KgatewayAutoConfiguration {

    /**
     * @return the client, closed with the context
     * @throws IllegalStateException when the properties contradict each other or ask for what this SDK version cannot do
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KgatewayClient kgatewayClient(KgatewayProperties properties, ObjectProvider<KubernetesClient> kubernetesClients,
            ObjectProvider<Config> configs, ObjectProvider<KgatewayClientCustomizer> customizers, Environment environment) {
        KgatewayClient.Builder builder = KgatewayClient.builder();
        KubernetesClient application = kubernetesClients.getIfUnique();
        if (application != null) {
            if (properties.getMasterUrl() != null) {
                throw new IllegalStateException("kgateway.master-url is set, but the application has a KubernetesClient bean, "
                        + "which the KgatewayClient uses: configure that bean's server instead, or remove it");
            }
            builder.kubernetesClient(properties.getNamespace() == null ? application
                    : application.adapt(NamespacedKubernetesClient.class).inNamespace(properties.getNamespace()));
        } else {
            builder.config(config(properties, configs));
        }
        builder.retryPolicy(properties.getRetry().toPolicy());
        String fieldManager = properties.getFieldManager() != null && !properties.getFieldManager().isBlank() ? properties.getFieldManager()
                : environment.getProperty("spring.application.name");
        if (fieldManager != null && !fieldManager.isBlank()) {
            builder.fieldManager(fieldManager);
        }
        if (properties.isForceApply()) {
            builder.applyOptions(ApplyOptions.fieldManager(fieldManager != null && !fieldManager.isBlank() ? fieldManager
                    : FieldManagers.applicationDefault()).withForce(true));
        }
        builder.crdValidation(crdValidation(properties.getValidation()));
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        KgatewayClient client = builder.build();
        if (properties.isInstallCrd()) {
            try {
                client.installCrd(false);
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
        return client;
    }

    private static Config config(KgatewayProperties properties, ObjectProvider<Config> configs) {
        Config base;
        if (properties.getMasterUrl() != null) {
            // never send the kubeconfig's credentials to a server the kubeconfig does not name
            base = new ConfigBuilder(Config.empty()).withMasterUrl(properties.getMasterUrl()).build();
        } else {
            base = configs.getIfUnique(() -> Config.autoConfigure(null));
        }
        return properties.getNamespace() == null ? base : new ConfigBuilder(base).withNamespace(properties.getNamespace()).build();
    }

    static CrdValidation crdValidation(KgatewayProperties.Validation validation) {
        ValidationMode mode = validation.getMode() == null ? ValidationMode.SDK_SCHEMA : validation.getMode();
        return switch (mode) {
            case SDK_SCHEMA -> CrdValidation.sdkSchema();
            case NONE -> CrdValidation.off();
            case CLUSTER_CRD -> CrdValidation.cluster();
            // its own class: KgatewayRelease is loaded only when this mode is chosen (kgateway-sdk-validation is optional)
            case KGATEWAY_RELEASE -> ReleaseValidation.of(validation.getRelease());
        };
    }
}

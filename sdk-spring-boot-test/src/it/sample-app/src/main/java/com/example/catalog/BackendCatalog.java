package com.example.catalog;

import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.util.List;

/** Writes through the auto-configured client, reads from the informer declared in application.properties. */
@Service
public class BackendCatalog {

    private final NamespacedBackendClient backends;
    private final BackendInformer cache;

    public BackendCatalog(KgatewayClient kgateway, @Qualifier("catalog") BackendInformer cache) {
        this.backends = kgateway.backends().inDefaultNamespace();   // kgateway.namespace
        this.cache = cache;
    }

    public Backend register(String name, String host, int port) {
        return backends.create(Backend.builder()
                .metadata(m -> m.name(name).putLabels("managed-by", "catalog"))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(host).port(port))))
                .build());
    }

    public List<Backend> cataloged() {
        return cache.list();
    }
}

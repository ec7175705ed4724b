package com.example.shop;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import org.springframework.stereotype.Service;

import java.util.List;

/** An application component: not in a {@code @KgatewayClientTest} unless imported. */
@Service
public class ShopService {

    private final KgatewayClient kgateway;

    public ShopService(KgatewayClient kgateway) {
        this.kgateway = kgateway;
    }

    public Backend register(String name, String host) {
        return kgateway.backends().inDefaultNamespace().create(Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(host).port(8080))))
                .build());
    }

    public List<Backend> all() {
        return kgateway.backends().inDefaultNamespace().list();
    }
}

package com.example.shop;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;

final class Backends {

    private Backends() {
    }

    static Backend staticBackend(String name, String host) {
        return Backend.builder().metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(host).port(8080))))
                .build();
    }
}

package com.example.shop;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.spring.boot.KgatewayClientCustomizer;
import org.springframework.stereotype.Component;

/** A customizer component: a {@code @KgatewayClientTest} scans it. */
@Component
public class ShopFieldManager implements KgatewayClientCustomizer {

    @Override
    public void customize(KgatewayClient.Builder builder) {
        builder.applyOptions(ApplyOptions.fieldManager("shop"));
    }
}

package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The deprecated names of NamespacedBackendClient call the new ones. (RENAMES.sh: leave) */
class NamespacedBackendClientBridgesTest {

    private final List<List<Object>> calls = new ArrayList<>();

    private final NamespacedBackendClient client = (NamespacedBackendClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {NamespacedBackendClient.class}, recording());

    private InvocationHandler recording() {
        return (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            calls.add(List.of(method.getName(), args[0], args.length > 1 ? args[1] : "-"));
            return method.getReturnType() == int.class ? 3 : null;
        };
    }

    @Test
    @SuppressWarnings("deprecation")
    void deleteAllWithListOptionsDeletesWhatTheirSelectorSelects() {
        int deleted = client.deleteAll(ListOptions.builder().label("team", "search").stripManagedFields(true).build());

        assertThat(deleted).isEqualTo(3);
        assertThat(calls).containsExactly(List.of("deleteAll", BackendSelector.withLabel("team", "search"), "-"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void editStatusByNameIsUpdateStatusByName() {
        UnaryOperator<Backend> change = b -> b;

        client.editStatus("openai", change);

        assertThat(calls).containsExactly(List.of("updateStatus", "openai", change));
    }
}

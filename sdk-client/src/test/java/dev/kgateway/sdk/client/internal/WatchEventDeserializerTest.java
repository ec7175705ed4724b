package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.DecodeOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the SDK's serialization reads a watch event in one pass: the object as a Backend, or as a
 * {@code Status} for an ERROR event, whichever order {@code type} and {@code object} come in.
 */
class WatchEventDeserializerTest {

    private static final String BACKEND = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"web\",\"namespace\":\"ai\",\"resourceVersion\":\"7\"},\"spec\":{\"type\":\"Static\"}}";
    private static final String GONE = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":410,"
            + "\"reason\":\"Expired\",\"message\":\"too old resource version: 1 (42)\"}";

    private final KubernetesSerialization serialization = BackendSerialization.create(DecodeOptions.defaults(), null);

    private WatchEvent read(String json) {
        return serialization.unmarshal(json, WatchEvent.class);
    }

    private static Backend backend(WatchEvent event) {
        assertThat(event.getObject()).isInstanceOf(BackendResource.class);
        return ((BackendResource) event.getObject()).backend();
    }

    @Test
    void anEventWithTypeFirstCarriesTheBackend() {
        WatchEvent event = read("{\"type\":\"ADDED\",\"object\":" + BACKEND + "}");

        assertThat(event.getType()).isEqualTo("ADDED");
        assertThat(backend(event).getMetadata().getName()).isEqualTo("web");
    }

    @Test
    void anEventWithTheObjectFirstCarriesTheSameBackend() {
        WatchEvent event = read("{\"object\":" + BACKEND + ",\"type\":\"MODIFIED\"}");

        assertThat(event.getType()).isEqualTo("MODIFIED");
        assertThat(backend(event)).isEqualTo(backend(read("{\"type\":\"MODIFIED\",\"object\":" + BACKEND + "}")));
    }

    @Test
    void anErrorEventCarriesTheServersStatusInEitherOrder() {
        for (String json : new String[] {"{\"type\":\"ERROR\",\"object\":" + GONE + "}", "{\"object\":" + GONE + ",\"type\":\"ERROR\"}"}) {
            WatchEvent event = read(json);

            assertThat(event.getType()).as(json).isEqualTo("ERROR");
            assertThat(event.getObject()).as(json).isInstanceOfSatisfying(Status.class, s -> {
                assertThat(s.getCode()).isEqualTo(410);
                assertThat(s.getReason()).isEqualTo("Expired");
            });
        }
    }

    @Test
    void unknownMembersAreSkippedAndANullObjectStaysNull() {
        WatchEvent event = read("{\"extra\":{\"a\":[1,2]},\"type\":\"DELETED\",\"object\":null,\"more\":1}");

        assertThat(event.getType()).isEqualTo("DELETED");
        assertThat(event.getObject()).isNull();
    }

    @Test
    void aBackendReadWithoutATypeIsTheSdksBackendKind() {
        Object read = serialization.unmarshal(BACKEND);

        assertThat(read).isInstanceOf(BackendResource.class);
        assertThat(((BackendResource) read).backend().getSpec().getType().toString()).isEqualTo("Static");
    }
}

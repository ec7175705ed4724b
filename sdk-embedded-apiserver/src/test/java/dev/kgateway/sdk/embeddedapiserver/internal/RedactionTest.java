package dev.kgateway.sdk.embeddedapiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the request log keeps of a request body: everything but a Secret's values. */
class RedactionTest {

    @Test
    void theValuesOfASecretsDataAndStringDataAreRedactedAndTheirKeysKept() {
        String body = "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"aws\"},\"data\":{\"key\":\"c2VjcmV0\",\"id\":\"aWQ=\"},"
                + "\"stringData\":{\"token\":\"hunter2\"},\"type\":\"Opaque\"}";

        String logged = Redaction.secrets(body);

        assertThat(logged).isEqualTo("{\"kind\":\"Secret\",\"metadata\":{\"name\":\"aws\"},\"data\":{\"key\":\"<redacted>\","
                + "\"id\":\"<redacted>\"},\"stringData\":{\"token\":\"<redacted>\"},\"type\":\"Opaque\"}");
    }

    @Test
    void aSecretWithoutValuesIsLoggedAsItIs() {
        String body = "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"empty\"},\"data\":null}";

        assertThat(Redaction.secrets(body)).isEqualTo(body);
    }

    @Test
    void otherBodiesAreLoggedUnchangedEvenWhenTheyMentionSecrets() {
        String backend = "{\"kind\":\"Backend\",\"spec\":{\"aws\":{\"auth\":{\"secretRef\":{\"name\":\"Secret\"}}}},\"data\":{\"k\":\"v\"}}";

        assertThat(Redaction.secrets(backend)).isSameAs(backend);
        assertThat(Redaction.secrets("")).isEmpty();
        assertThat(Redaction.secrets("{\"kind\":\"Backend\"}")).isEqualTo("{\"kind\":\"Backend\"}");
    }

    @Test
    void anUnreadableBodyThatMayHoldASecretIsNotLogged() {
        String body = "kind: Secret\ndata:\n  key: c2VjcmV0\n";

        assertThat(Redaction.secrets(body)).isEqualTo("<unreadable body, not logged>");
    }
}

package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.model.AiProviderType;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;

import java.util.List;

/**
 * Builds one Backend of each kind of the seed schema with the SDK's builders: this is what "build a
 * Backend" looks like. The shapes real kgateway releases serve (Lambda with auth, EC2, GCP, dynamic
 * forward proxy, priority groups, v2.0/v2.1 AI) are in {@link RealKgatewayExample}.
 *
 * <pre>{@code
 * Backend nginx = SampleBackends.staticBackend("nginx", "demo");
 * }</pre>
 */
public final class SampleBackends {

    private SampleBackends() {
    }

    /** @return a Static Backend with two hosts, one of them over TLS */
    public static Backend staticBackend(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "web"))
                .spec(s -> s.type(BackendType.STATIC)
                        .staticBackend(st -> st
                                .addHosts(h -> h.host("nginx.web.svc").port(8080))
                                .addHosts(h -> h.host("nginx-tls.web.svc").port(8443).tls(t -> t.sni("nginx.example.com")))))
                .build();
    }

    /** @return an AWS Lambda Backend */
    public static Backend awsBackend(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "payments"))
                .spec(s -> s.type(BackendType.AWS)
                        .aws(a -> a.region("us-east-1").accountId("123456789012").lambdaFunctionName("charge-card")
                                .roleArn("arn:aws:iam::123456789012:role/gateway-invoker")))
                .build();
    }

    /** @return an AI Backend for OpenAI, its key in the Secret {@code openai-key} */
    public static Backend openAi(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "search"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.provider(p -> p.type(AiProviderType.OPENAI)
                                .openai(o -> o.authToken(t -> t.secretRef(r -> r.name("openai-key")))))))
                .build();
    }

    /** @return an AI Backend for an Azure OpenAI deployment */
    public static Backend azureOpenAi(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "search"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.provider(p -> p.type(AiProviderType.AZURE)
                                .azure(az -> az.endpoint("search.openai.azure.com").deploymentName("gpt-4o-mini")
                                        .apiVersion("2024-02-15-preview")
                                        .authToken(t -> t.secretRef(r -> r.name("azure-key")))))))
                .build();
    }

    /** @return an AI Backend for Google Gemini */
    public static Backend gemini(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "labs"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.provider(p -> p.type(AiProviderType.GEMINI)
                                .gemini(g -> g.authToken(t -> t.secretRef(r -> r.name("gemini-key").namespace("secrets")))))))
                .build();
    }

    /** @return one Backend of each kind: Static, AWS, OpenAI, Azure OpenAI, Gemini */
    public static List<Backend> all(String namespace) {
        return List.of(staticBackend("web", namespace), awsBackend("payments", namespace), openAi("openai", namespace),
                azureOpenAi("azure-openai", namespace), gemini("gemini", namespace));
    }
}

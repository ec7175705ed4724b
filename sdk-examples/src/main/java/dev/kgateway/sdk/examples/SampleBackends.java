package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.model.AuthTokenKind;
import dev.kgateway.sdk.model.AwsAuthType;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;

import java.util.List;

/**
 * Builds one Backend of each everyday kind with the SDK's builders, each in a shape a kgateway
 * release serves (the comment names the lines): this is what "build a Backend" looks like. More
 * shapes (EC2, GCP, dynamic forward proxy, priority groups, v2.0 AI) are in {@link RealKgatewayExample}.
 *
 * <pre>{@code
 * Backend nginx = SampleBackends.staticBackend("nginx", "demo");
 * }</pre>
 */
public final class SampleBackends {

    private SampleBackends() {
    }

    /**
     * @return a Static Backend with two hosts (every release line). TLS to a host is not part of a
     *         kgateway Backend: a BackendConfigPolicy that targets it sets it
     */
    public static Backend staticBackend(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "web"))
                .spec(s -> s.type(BackendType.STATIC)
                        .staticBackend(st -> st
                                .addHosts(h -> h.host("nginx.web.svc").port(8080))
                                .addHosts(h -> h.host("nginx-2.web.svc").port(8080))))
                .build();
    }

    /** @return an AWS Lambda Backend that assumes an IAM role to invoke it (kgateway v2.4 and later) */
    public static Backend awsBackend(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "payments"))
                .spec(s -> s.type(BackendType.AWS)
                        .aws(a -> a.region("us-east-1").accountId("123456789012")
                                .lambda(l -> l.functionName("charge-card"))
                                .auth(x -> x.type(AwsAuthType.ASSUME_ROLE)
                                        .assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/gateway-invoker")))))
                .build();
    }

    /** @return an AI Backend for OpenAI, its key in the Secret {@code openai-key} (kgateway v2.1) */
    public static Backend openAi(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "search"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.llm(l -> l.openai(o -> o.model("gpt-4o")
                                .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("openai-key")))))))
                .build();
    }

    /** @return an AI Backend for an Azure OpenAI deployment (kgateway v2.1) */
    public static Backend azureOpenAi(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "search"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.llm(l -> l.azureOpenAi(az -> az.endpoint("search.openai.azure.com")
                                .deploymentName("gpt-4o-mini").apiVersion("2024-02-15-preview")
                                .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("azure-key")))))))
                .build();
    }

    /** @return an AI Backend for Google Gemini (kgateway v2.1) */
    public static Backend gemini(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "labs"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.llm(l -> l.gemini(g -> g.model("gemini-1.5-pro").apiVersion("v1beta")
                                .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("gemini-key")))))))
                .build();
    }

    /** @return one Backend of each kind: Static, AWS, OpenAI, Azure OpenAI, Gemini */
    public static List<Backend> all(String namespace) {
        return List.of(staticBackend("web", namespace), awsBackend("payments", namespace), openAi("openai", namespace),
                azureOpenAi("azure-openai", namespace), gemini("gemini", namespace));
    }
}

package dev.kgateway.sdk.embeddedapiserver;

import dev.kgateway.sdk.model.AuthTokenKind;
import dev.kgateway.sdk.model.AwsAuthType;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;

import java.util.List;

/**
 * Ready-made Backends for tests, one per everyday kind, each in a shape kgateway serves: the model's
 * {@code validate()} finds nothing wrong with them and an {@link EmbeddedApiServer} (with the SDK's
 * CRD) stores them as they are; {@link #invalidStaticBackend(String)} is the exception, invalid on
 * purpose. They carry a name and nothing else in their metadata: the namespace is the one the client
 * writes to, and labels are added with the model's {@code editMetadata}.
 *
 * <pre>{@code
 * try (EmbeddedApiServer server = EmbeddedApiServer.start();
 *      KgatewayClient kgw = KgatewayClient.builder().config(server.config()).build()) {
 *     String ns = server.createNamespace();
 *     kgw.backends().inNamespace(ns).create(BackendFixtures.staticBackend("web"));
 *     kgw.backends().inNamespace(ns).create(BackendFixtures.openAi("chat")
 *             .editMetadata(m -> m.putLabels("team", "search")));
 * }
 * }</pre>
 *
 * <p>Every call builds a new Backend; the model's objects are immutable.
 */
public final class BackendFixtures {

    /** The host of {@link #staticBackend(String)}. */
    public static final String STATIC_HOST = "10.0.0.1";

    /** The port of {@link #staticBackend(String)}. */
    public static final int STATIC_PORT = 8080;

    private BackendFixtures() {
    }

    /** @return a Static Backend named {@code name} with one host, {@value #STATIC_HOST}:{@value #STATIC_PORT} (every kgateway release) */
    public static Backend staticBackend(String name) {
        return staticBackend(name, STATIC_HOST, STATIC_PORT);
    }

    /** @return a Static Backend named {@code name} with one host, {@code host:port} (every kgateway release) */
    public static Backend staticBackend(String name, String host, int port) {
        return Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(host).port(port))))
                .build();
    }

    /**
     * @return an AWS Lambda Backend named {@code name}: function {@code checkout} in account 123456789012,
     *         region eu-west-1, invoked through an assumed IAM role (kgateway v2.4 and later)
     */
    public static Backend awsLambda(String name) {
        return Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.AWS).aws(a -> a.region("eu-west-1").accountId("123456789012")
                        .lambda(l -> l.functionName("checkout"))
                        .auth(x -> x.type(AwsAuthType.ASSUME_ROLE)
                                .assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/lambda-invoker")))))
                .build();
    }

    /**
     * @return an AI Backend named {@code name} for OpenAI's {@code gpt-4o}, its key in the Secret
     *         {@code openai-key} of the Backend's namespace (kgateway v2.1's shape)
     */
    public static Backend openAi(String name) {
        return Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.llm(l -> l.openai(o -> o.model("gpt-4o")
                        .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("openai-key")))))))
                .build();
    }

    /** @return one valid Backend of each kind above, named {@code static}, {@code lambda} and {@code openai} */
    public static List<Backend> everyKind() {
        return List.of(staticBackend("static"), awsLambda("lambda"), openAi("openai"));
    }

    /**
     * @return a Static Backend named {@code name} that breaks two schema rules on purpose: its host is
     *         empty ({@code spec.static.hosts[0].host}) and its port is 70000
     *         ({@code spec.static.hosts[0].port}, above 65535). The model's {@code validate()} reports
     *         both; a server with the SDK's CRD refuses it with a 422 naming both
     */
    public static Backend invalidStaticBackend(String name) {
        return Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("").port(70000))))
                .build();
    }
}

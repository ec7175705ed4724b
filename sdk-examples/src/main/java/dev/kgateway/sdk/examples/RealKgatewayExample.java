package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.model.AiBackend;
import dev.kgateway.sdk.model.AuthTokenKind;
import dev.kgateway.sdk.model.AwsAuth;
import dev.kgateway.sdk.model.AwsAuthType;
import dev.kgateway.sdk.model.AwsBackend;
import dev.kgateway.sdk.model.AwsEc2AddressType;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendSpec;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.LlmProvider;
import dev.kgateway.sdk.model.LocalObjectReference;
import dev.kgateway.sdk.model.PriorityGroup;
import dev.kgateway.sdk.model.Violation;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Backends as real kgateway releases serve them, built with the SDK's builders, next to the seed
 * shapes of {@link SampleBackends}. Each factory's Javadoc names the kgateway release lines whose
 * Backend CRD accepts the shape (the lines are those of {@code docs/KGATEWAY-VERSIONS.md}); every
 * Backend built here passes {@link Backend#validate()}.
 *
 * <pre>{@code
 * Backend lambda = RealKgatewayExample.lambdaAssumingRole("thumbnails", "media");
 * Backend moved  = lambda.editSpec(s -> s.editAws(a -> a.region("us-east-1")));   // everything else kept
 * String what    = RealKgatewayExample.describe(moved);   // "AWS Lambda thumbnailer:live in us-east-1, ..."
 * }</pre>
 */
public final class RealKgatewayExample {

    /** A real kgateway shape and the release lines whose CRD accepts it. */
    public record Shape(String acceptedBy, Backend backend) {
    }

    private RealKgatewayExample() {
    }

    /**
     * An AWS Lambda Backend that assumes an IAM role: {@code spec.aws.lambda} and
     * {@code spec.aws.auth.assumeRole}. Accepted by kgateway v2.4 and later (main); {@code assumeRole}
     * is not in earlier CRDs.
     */
    public static Backend lambdaAssumingRole(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "media"))
                .spec(s -> s.type(BackendType.AWS)
                        .aws(a -> a.region("eu-west-1").accountId("123456789012")
                                .lambda(l -> l.functionName("thumbnailer").qualifier("live"))
                                .auth(x -> x.type(AwsAuthType.ASSUME_ROLE)
                                        .assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/thumbnailer-invoker")))))
                .build();
    }

    /**
     * An AWS Lambda Backend whose credentials are in a Secret ({@code spec.aws.auth.secretRef}).
     * Accepted by kgateway v2.0 and later (v2.0 and v2.1 need the {@code type}, which later lines
     * still accept).
     */
    public static Backend lambdaWithSecret(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "media"))
                .spec(s -> s.type(BackendType.AWS)
                        .aws(a -> a.region("us-west-2").accountId("123456789012")
                                .lambda(l -> l.functionName("resize-image").qualifier("$LATEST"))
                                .auth(x -> x.type(AwsAuthType.SECRET).secretRef(r -> r.name("aws-creds")))))
                .build();
    }

    /**
     * An AWS EC2 Backend: instances found by tag ({@code spec.aws.ec2.filters}), reached on their
     * private IP. Accepted by kgateway v2.4 and later.
     */
    public static Backend ec2(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "payments"))
                .spec(s -> s.type(BackendType.AWS)
                        .aws(a -> a.region("us-east-1")
                                .ec2(e -> e.port(8080).addressType(AwsEc2AddressType.PRIVATE_IP)
                                        .addFilters(f -> f.keyValue(kv -> kv.key("app").value("payments")))
                                        .addFilters(f -> f.key("production")))
                                .auth(x -> x.type(AwsAuthType.ASSUME_ROLE)
                                        .assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/describe-ec2")))))
                .build();
    }

    /** A Google Cloud (Cloud Run) Backend. Accepted by kgateway v2.3 and later. */
    public static Backend gcp(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "edge"))
                .spec(s -> s.type(BackendType.GCP)
                        .gcp(g -> g.host("run.example.app").audience("https://run.example.app")))
                .build();
    }

    /** A dynamic forward proxy that originates TLS. Accepted by kgateway v2.1 and later. */
    public static Backend dynamicForwardProxy(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "edge"))
                .spec(s -> s.type(BackendType.DYNAMIC_FORWARD_PROXY)
                        .dynamicForwardProxy(d -> d.enableTls(true)))
                .build();
    }

    /**
     * Failover across other Backends of the namespace, one priority group per name, in order
     * ({@code spec.priorityGroups}, no {@code type}: optional since v2.2). Accepted by kgateway v2.4
     * and later.
     */
    public static Backend priorityGroups(String name, String namespace, String... backendNames) {
        BackendSpec.Builder spec = BackendSpec.builder();
        for (String backend : backendNames) {
            spec.addPriorityGroups(g -> g.addBackendRefs(r -> r.name(backend)));
        }
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "edge"))
                .spec(spec.build())
                .build();
    }

    /**
     * An OpenAI Backend in v2.1's flattened shape ({@code spec.ai.llm.openai}). Accepted by kgateway
     * v2.1 only: v2.0 nests the provider ({@link #openAiV20}), v2.2 and later moved AI Backends out of
     * this CRD.
     */
    public static Backend openAiV21(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "labs"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(a -> a.llm(l -> l.openai(o -> o.model("gpt-4o")
                                .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("openai-key")))))))
                .build();
    }

    /** The same OpenAI Backend in v2.0's shape ({@code spec.ai.llm.provider.openai}). Accepted by kgateway v2.0. */
    public static Backend openAiV20(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "labs"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(a -> a.llm(l -> l.provider(p -> p.openai(o -> o.model("gpt-4o")
                                .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("openai-key"))))))))
                .build();
    }

    /**
     * Mistral as kgateway serves it: no release has a {@code mistral} block (the seed's
     * {@code provider.type: mistral} has none either), so it is an OpenAI-compatible provider pointed
     * at Mistral's API with {@code host}, {@code port} and {@code path} (see {@code schema/README.md}).
     * Accepted by kgateway v2.1.
     */
    public static Backend mistral(String name, String namespace) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace(namespace).putLabels("team", "labs"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(a -> a.llm(l -> l
                                .openai(o -> o.model("mistral-large-latest")
                                        .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("mistral-key"))))
                                .host("api.mistral.ai").port(443)
                                .path(p -> p.full("/v1/chat/completions")))))
                .build();
    }

    /** @return every real shape of this class with the release lines that accept it, in a stable order */
    public static List<Shape> all(String namespace) {
        return List.of(
                new Shape("v2.4+", lambdaAssumingRole("lambda-thumbnails", namespace)),
                new Shape("v2.0+", lambdaWithSecret("lambda-resize", namespace)),
                new Shape("v2.4+", ec2("ec2-payments", namespace)),
                new Shape("v2.3+", gcp("gcp-run", namespace)),
                new Shape("v2.1+", dynamicForwardProxy("egress-proxy", namespace)),
                new Shape("v2.4+", priorityGroups("failover", namespace, "ec2-payments", "lambda-thumbnails")),
                new Shape("v2.1", openAiV21("openai-v21", namespace)),
                new Shape("v2.0", openAiV20("openai-v20", namespace)),
                new Shape("v2.1", mistral("mistral-openai", namespace)));
    }

    /**
     * The kind of a Backend as a real Java enum: its {@code type}, or (since v2.2 {@code type} is
     * optional) the one backend block that is set; {@code UNRECOGNIZED} when neither says.
     */
    public static BackendType.Known kind(Backend backend) {
        BackendSpec spec = backend.getSpec();
        if (spec.getType() != null) {
            return spec.getType().known();
        }
        if (spec.getStaticBackend() != null) {
            return BackendType.Known.STATIC;
        }
        if (spec.getAws() != null) {
            return BackendType.Known.AWS;
        }
        if (spec.getAi() != null) {
            return BackendType.Known.AI;
        }
        if (spec.getDynamicForwardProxy() != null) {
            return BackendType.Known.DYNAMIC_FORWARD_PROXY;
        }
        if (spec.getMcp() != null) {
            return BackendType.Known.MCP;
        }
        if (spec.getGcp() != null) {
            return BackendType.Known.GCP;
        }
        if (!spec.getPriorityGroups().isEmpty()) {
            return BackendType.Known.PRIORITY_GROUPS;
        }
        return BackendType.Known.UNRECOGNIZED;
    }

    /** @return one line saying where a Backend of any release line (or the seed) sends traffic */
    public static String describe(Backend backend) {
        BackendSpec spec = backend.getSpec();
        return switch (kind(backend)) {
            case STATIC -> "Static " + spec.getStaticBackend().getHosts().stream()
                    .map(h -> h.getHost() + ":" + h.getPort()).collect(Collectors.joining(", "));
            case AWS -> describeAws(spec.getAws());
            case AI -> describeAi(spec.getAi());
            case DYNAMIC_FORWARD_PROXY -> "dynamic forward proxy, TLS "
                    + (Boolean.TRUE.equals(spec.getDynamicForwardProxy().getEnableTls()) ? "on" : "off");
            case MCP -> "MCP, " + spec.getMcp().getTargets().size() + " target(s)";
            case GCP -> "GCP " + spec.getGcp().getHost();
            case PRIORITY_GROUPS -> "failover " + spec.getPriorityGroups().stream()
                    .map(RealKgatewayExample::groupNames).collect(Collectors.joining(" -> "));
            case UNRECOGNIZED -> "type " + (spec.getType() == null ? "(none)" : spec.getType().value())
                    + ", newer than this SDK";
        };
    }

    private static String groupNames(PriorityGroup group) {
        return group.getBackendRefs().stream().map(LocalObjectReference::getName).collect(Collectors.joining("+", "[", "]"));
    }

    @SuppressWarnings("deprecation") // reads seed-shaped documents too
    private static String describeAws(AwsBackend aws) {
        String target;
        if (aws.getLambda() != null) {
            target = "AWS Lambda " + aws.getLambda().getFunctionName()
                    + (aws.getLambda().getQualifier() == null ? "" : ":" + aws.getLambda().getQualifier());
        } else if (aws.getEc2() != null) {
            target = "AWS EC2 instances on port " + aws.getEc2().getPort() + " tagged "
                    + aws.getEc2().getFilters().stream()
                    .map(f -> f.getKey() != null ? f.getKey() : f.getKeyValue().getKey() + "=" + f.getKeyValue().getValue())
                    .collect(Collectors.joining(", "));
        } else {
            target = "AWS Lambda " + aws.getLambdaFunctionName() + " (seed shape)";
        }
        return target + " in " + aws.getRegion() + ", credentials: " + describeAuth(aws.getAuth(), aws.getRoleArn());
    }

    private static String describeAuth(AwsAuth auth, String seedRoleArn) {
        if (auth == null || auth.getType() == null) {
            return seedRoleArn != null ? "role " + seedRoleArn : "the gateway's own";
        }
        return switch (auth.getType().known()) {
            case SECRET -> "Secret " + auth.getSecretRef().getName();
            case ASSUME_ROLE -> "assume role " + auth.getAssumeRole().getRoleArn();
            case UNRECOGNIZED -> "auth type " + auth.getType().value() + ", newer than this SDK";
        };
    }

    @SuppressWarnings("deprecation") // reads seed-shaped documents too
    private static String describeAi(AiBackend ai) {
        if (ai.getProvider() != null) {
            return "AI (seed) " + ai.getProvider().getType().value();
        }
        LlmProvider llm = ai.getLlm();
        if (llm == null) {
            return "AI, " + (ai.getMultipool() != null ? "multipool" : ai.getPriorityGroups().size() + " priority group(s)");
        }
        if (llm.getOpenai() != null) {
            return "AI (v2.1) OpenAI-format " + llm.getOpenai().getModel()
                    + (llm.getHost() == null ? "" : " at " + llm.getHost() + ":" + llm.getPort());
        }
        if (llm.getAzureOpenAi() != null) {
            return "AI (v2.1) Azure OpenAI deployment " + llm.getAzureOpenAi().getDeploymentName();
        }
        if (llm.getGemini() != null) {
            return "AI (v2.1) Gemini " + llm.getGemini().getModel();
        }
        if (llm.getProvider() != null && llm.getProvider().getOpenai() != null) {
            return "AI (v2.0) OpenAI " + llm.getProvider().getOpenai().getModel();
        }
        return "AI LLM provider";
    }

    /**
     * Builds every real shape, prints it with the release lines that accept it and its validation
     * result, then shows an in-place deep edit and one Backend as YAML.
     *
     * @return the Backends built (all valid), the edited Lambda last
     */
    public static List<Backend> run(PrintStream out) {
        List<Shape> shapes = all("real");
        for (Shape shape : shapes) {
            List<Violation> violations = shape.backend().validate();
            out.printf("  %-18s %-6s %s -> %s%n", shape.backend().getMetadata().getName(), shape.acceptedBy(),
                    describe(shape.backend()), violations.isEmpty() ? "valid" : violations);
        }
        Backend lambda = shapes.get(0).backend();
        Backend moved = lambda.editSpec(s -> s.editAws(a -> a.region("us-east-1")
                .editAuth(x -> x.editAssumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/thumbnailer-us")))));
        out.println("  edited in place: " + describe(moved));
        out.println("  the original is unchanged: " + describe(lambda));
        out.println("  as YAML:\n" + BackendJson.toYaml(moved));
        return Stream.concat(shapes.stream().map(Shape::backend), Stream.of(moved)).toList();
    }

    public static void main(String[] args) {
        run(System.out);
    }
}

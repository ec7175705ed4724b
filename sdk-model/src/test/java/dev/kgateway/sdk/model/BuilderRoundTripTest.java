package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backends built with the builders survive JSON and YAML round trips, and the builder API behaves as documented. */
@SuppressWarnings("deprecation") // builds the seed schema's shapes too
class BuilderRoundTripTest {

    static Backend staticWithTlsAndTwoHosts() {
        return Backend.builder()
                .metadata(m -> m.name("web").namespace("default").putLabels("app", "web"))
                .spec(s -> s.type(BackendType.STATIC)
                        .staticBackend(st -> st
                                .addHosts(h -> h.host("web-1.example.com").port(443).tls(t -> t.sni("web.example.com")))
                                .addHosts(h -> h.host("10.0.0.8").port(8080))))
                .build();
    }

    static Backend awsWithAllFields() {
        return Backend.builder()
                .metadata(m -> m.name("lambda").namespace("default"))
                .spec(s -> s.type(BackendType.AWS)
                        .aws(a -> a.region("us-east-1")
                                .lambdaFunctionName("hello-function")
                                .accountId("123456789012")
                                .roleArn("arn:aws:iam::123456789012:role/invoker")))
                .build();
    }

    static Backend openAi() {
        return Backend.builder()
                .metadata(m -> m.name("openai").namespace("ai"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.provider(p -> p.type(AiProviderType.OPENAI)
                                .openai(o -> o.authToken(t -> t.secretRef(r -> r.name("openai-key")))))))
                .build();
    }

    static Backend azure() {
        return Backend.builder()
                .metadata(m -> m.name("azure-openai").namespace("ai"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.provider(p -> p.type(AiProviderType.AZURE)
                                .azure(az -> az.endpoint("ai-gateway.openai.azure.com")
                                        .deploymentName("gpt-4o-mini")
                                        .apiVersion("2024-02-15-preview")
                                        .authToken(t -> t.secretRef(r -> r.name("azure-key").namespace("secrets")))))))
                .build();
    }

    static Backend gemini() {
        return Backend.builder()
                .metadata(m -> m.name("gemini").namespace("ai"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.provider(p -> p.type(AiProviderType.GEMINI)
                                .gemini(g -> g.authToken(t -> t.secretRef(r -> r.name("gemini-key")))))))
                .build();
    }

    static Backend mistral() {
        return Backend.builder()
                .metadata(m -> m.name("mistral").namespace("ai"))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.provider(p -> p.type(AiProviderType.MISTRAL))))
                .build();
    }

    // ---- real kgateway shapes (schema/upstream) ----

    static Backend lambdaWithAssumeRole() {
        return Backend.builder()
                .metadata(m -> m.name("thumbnailer").namespace("media"))
                .spec(s -> s.aws(a -> a.region("eu-west-1")
                        .lambda(l -> l.functionName("thumbnailer").qualifier("live").accountId("123456789012"))
                        .auth(x -> x.type(AwsAuthType.ASSUME_ROLE)
                                .assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/thumbnailer-invoke")))))
                .build();
    }

    static Backend ec2Fleet() {
        return Backend.builder()
                .metadata(m -> m.name("fleet").namespace("default"))
                .spec(s -> s.type(BackendType.AWS).aws(a -> a.region("us-west-2")
                        .ec2(e -> e.port(8080).addressType(AwsEc2AddressType.PRIVATE_IP)
                                .addFilters(f -> f.key("kgateway"))
                                .addFilters(f -> f.keyValue(kv -> kv.key("env").value("prod"))))
                        .auth(x -> x.type(AwsAuthType.SECRET).secretRef(r -> r.name("aws-creds")))))
                .build();
    }

    static Backend gcpCloudRun() {
        return Backend.builder()
                .metadata(m -> m.name("run").namespace("default"))
                .spec(s -> s.type(BackendType.GCP).gcp(g -> g.host("hello-abc123-uc.a.run.app")))
                .build();
    }

    static Backend dynamicForwardProxy() {
        return Backend.builder()
                .metadata(m -> m.name("egress").namespace("default"))
                .spec(s -> s.dynamicForwardProxy(d -> d.enableTls(true)))
                .build();
    }

    static Backend priorityGroups() {
        return Backend.builder()
                .metadata(m -> m.name("failover").namespace("default"))
                .spec(s -> s.addPriorityGroups(g -> g.addBackendRefs(r -> r.name("primary")))
                        .addPriorityGroups(g -> g.addBackendRefs(r -> r.name("secondary")).addBackendRefs(r -> r.name("tertiary"))))
                .build();
    }

    static Backend openAiV21() {
        return Backend.builder()
                .metadata(m -> m.name("openai").namespace("ai"))
                .spec(s -> s.type(BackendType.AI).ai(a -> a.llm(l -> l.openai(o -> o.model("gpt-4o")
                        .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("openai-secret")))))))
                .build();
    }

    /** Mistral as kgateway serves it: an OpenAI-compatible provider pointed at Mistral's API (schema/README.md). */
    static Backend mistralV21() {
        return Backend.builder()
                .metadata(m -> m.name("mistral").namespace("ai"))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.llm(l -> l
                        .openai(o -> o.model("mistral-large-latest")
                                .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("mistral-key"))))
                        .host("api.mistral.ai").port(443)
                        .path(p -> p.full("/v1/chat/completions")))))
                .build();
    }

    /** The same on kgateway v2.0: the provider block under {@code llm.provider}, the endpoint in {@code hostOverride}. */
    static Backend mistralV20() {
        return Backend.builder()
                .metadata(m -> m.name("mistral").namespace("ai"))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.llm(l -> l
                        .provider(p -> p.openai(o -> o.model("mistral-large-latest")
                                .authToken(t -> t.kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name("mistral-key")))))
                        .hostOverride(h -> h.host("api.mistral.ai").port(443)))))
                .build();
    }

    static Stream<Arguments> everyBackendType() {
        return Stream.of(
                Arguments.of("Static, TLS sni, two hosts", staticWithTlsAndTwoHosts()),
                Arguments.of("AWS, all four fields", awsWithAllFields()),
                Arguments.of("AI openai", openAi()),
                Arguments.of("AI azure", azure()),
                Arguments.of("AI gemini", gemini()),
                Arguments.of("AI mistral", mistral()),
                Arguments.of("v2.4 Lambda with assume-role auth", lambdaWithAssumeRole()),
                Arguments.of("v2.4 EC2 with tag filters", ec2Fleet()),
                Arguments.of("v2.3 GCP", gcpCloudRun()),
                Arguments.of("v2.1 dynamic forward proxy", dynamicForwardProxy()),
                Arguments.of("v2.4 priority groups", priorityGroups()),
                Arguments.of("v2.1 OpenAI llm", openAiV21()),
                Arguments.of("v2.1 Mistral (OpenAI-compatible)", mistralV21()),
                Arguments.of("v2.0 Mistral (OpenAI-compatible)", mistralV20()));
    }

    @Test
    void mistralIsWrittenAsKgatewayReadsIt() {
        assertThat(BackendJson.toTree(mistralV21()).at("/spec/ai/llm")).isEqualTo(BackendJson.jsonMapper().readTree("""
                {"openai":{"authToken":{"kind":"SecretRef","secretRef":{"name":"mistral-key"}},"model":"mistral-large-latest"},
                 "host":"api.mistral.ai","port":443,"path":{"full":"/v1/chat/completions"}}"""));
        assertThat(BackendJson.toTree(mistralV20()).at("/spec/ai/llm/hostOverride/host").asString()).isEqualTo("api.mistral.ai");
    }

    @Test
    void realLambdaIsWrittenUnderKgatewaysJsonNames() {
        var tree = BackendJson.toTree(lambdaWithAssumeRole());

        assertThat(tree.at("/spec/aws/lambda/functionName").asString()).isEqualTo("thumbnailer");
        assertThat(tree.at("/spec/aws/auth/type").asString()).isEqualTo("AssumeRole");
        assertThat(tree.at("/spec/aws/auth/assumeRole/roleArn").asString()).endsWith("role/thumbnailer-invoke");
        assertThat(tree.at("/spec/type").isMissingNode()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyBackendType")
    void builtBackendIsValidOrReportsOnlyTheSeedSchemasOwnMembers(String name, Backend backend) {
        if (SEED_SHAPED.contains(name)) {
            assertThat(backend.validate()).isNotEmpty().allSatisfy(v -> assertThat(v.rule()).isEqualTo("seedOnly"));
        } else {
            assertThat(backend.validate()).isEmpty();
        }
    }

    /** The cases in the seed schema's own shapes, which no kgateway release serves. */
    private static final java.util.Set<String> SEED_SHAPED = java.util.Set.of("Static, TLS sni, two hosts", "AWS, all four fields",
            "AI openai", "AI azure", "AI gemini", "AI mistral");

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyBackendType")
    void jsonRoundTripGivesAnEqualBackend(String name, Backend backend) {
        String json = BackendJson.toJson(backend);
        Backend read = BackendJson.fromJson(json);

        assertThat(read).isEqualTo(backend);
        assertThat(read.hashCode()).isEqualTo(backend.hashCode());
        assertThat(BackendJson.toJson(read)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyBackendType")
    void yamlRoundTripGivesAnEqualBackend(String name, Backend backend) {
        String yaml = BackendJson.toYaml(backend);
        Backend read = BackendJson.fromYaml(yaml);

        assertThat(read).isEqualTo(backend);
        assertThat(read.hashCode()).isEqualTo(backend.hashCode());
    }

    @Test
    void yamlQuotesStringsThatLookLikeNumbers() {
        Backend backend = awsWithAllFields().withSpec(awsWithAllFields().getSpec()
                .withAws(awsWithAllFields().getSpec().getAws().withAccountId("000000000000")));

        String yaml = BackendJson.toYaml(backend);

        assertThat(yaml).contains("accountId: \"000000000000\"");
        assertThat(BackendJson.yamlMapper().readTree(yaml).at("/spec/aws/accountId").isString()).isTrue();
        assertThat(BackendJson.fromYaml(yaml)).isEqualTo(backend);
    }

    @Test
    void yamlKeepsNumbersAsNumbers() {
        String yaml = BackendJson.toYaml(staticWithTlsAndTwoHosts());

        assertThat(yaml).contains("port: 443").contains("port: 8080");
    }

    @Test
    void multiDocumentYamlRoundTripKeepsOrder() {
        List<Backend> all = List.of(staticWithTlsAndTwoHosts(), awsWithAllFields(), openAi());

        assertThat(BackendJson.readAllFromString(BackendJson.toYaml(all))).containsExactlyElementsOf(all);
    }

    @Test
    void staticBackendIsWrittenUnderTheJsonNameStatic() {
        String json = BackendJson.toJson(staticWithTlsAndTwoHosts());

        assertThat(json).contains("\"static\":{\"hosts\":[")
                .contains("\"tls\":{\"sni\":\"web.example.com\"}")
                .doesNotContain("staticBackend");
    }

    @Test
    void unsetMembersAndEmptyCollectionsAreNotWritten() {
        String json = BackendJson.toJson(openAi());

        assertThat(json).doesNotContain("null").doesNotContain("status").doesNotContain("labels").doesNotContain("[]");
    }

    @Test
    void builderFillsApiVersionAndKindFromTheSchemaConst() {
        Backend empty = Backend.builder().build();

        assertThat(empty.getApiVersion()).isEqualTo("gateway.kgateway.dev/v1alpha1").isEqualTo(Backend.API_VERSION);
        assertThat(empty.getKind()).isEqualTo("Backend").isEqualTo(Backend.KIND);
    }

    @Test
    void rootConstantsComeFromTheSchema() {
        assertThat(Backend.GROUP).isEqualTo("gateway.kgateway.dev");
        assertThat(Backend.VERSION).isEqualTo("v1alpha1");
        assertThat(Backend.PLURAL).isEqualTo("backends");
        assertThat(Backend.CRD_NAME).isEqualTo("backends.gateway.kgateway.dev");
    }

    @Test
    void usageSnippetBuildsWhatItSays() {
        Backend b = Backend.builder()
                .metadata(m -> m.name("openai").namespace("ai").putLabels("team", "search"))
                .spec(s -> s.type(BackendType.AI)
                        .ai(ai -> ai.llm(l -> l.openai(o -> o.authToken(t -> t.kind(AuthTokenKind.SECRET_REF)
                                .secretRef(r -> r.name("openai-key")))))))
                .build();
        Backend moved = b.withMetadata(b.getMetadata().withNamespace("prod"));
        Backend copy = b.toBuilder().spec(s -> s.type(BackendType.STATIC)
                .staticBackend(st -> st.addHosts(h -> h.host("10.0.0.7").port(8080)))).build();

        assertThat(b.getMetadata().getLabels()).containsExactly(java.util.Map.entry("team", "search"));
        assertThat(b.getSpec().getAi().getLlm().getOpenai().getAuthToken().getSecretRef().getName()).isEqualTo("openai-key");
        assertThat(b.validate()).isEmpty();

        assertThat(moved.getMetadata().getNamespace()).isEqualTo("prod");
        assertThat(moved.getMetadata().getName()).isEqualTo("openai");
        assertThat(moved.getMetadata().getLabels()).isEqualTo(b.getMetadata().getLabels());
        assertThat(moved.getSpec()).isSameAs(b.getSpec());

        assertThat(copy.getMetadata()).isEqualTo(b.getMetadata());
        assertThat(copy.getSpec().getType()).isEqualTo(BackendType.STATIC);
        assertThat(copy.getSpec().getAi()).isNull();
        assertThat(copy.getSpec().getStaticBackend().getHosts())
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.getHost()).isEqualTo("10.0.0.7");
                    assertThat(h.getPort()).isEqualTo(8080);
                });
        assertThat(copy.validate()).isEmpty();
    }

    @Test
    void withLeavesTheOriginalUnchanged() {
        Backend original = openAi();
        String before = BackendJson.toJson(original);

        Backend moved = original.withMetadata(original.getMetadata().withNamespace("prod"));
        Backend retyped = original.withSpec(original.getSpec().withType(BackendType.STATIC));

        assertThat(moved).isNotEqualTo(original);
        assertThat(retyped).isNotEqualTo(original);
        assertThat(original.getMetadata().getNamespace()).isEqualTo("ai");
        assertThat(original.getSpec().getType()).isEqualTo(BackendType.AI);
        assertThat(BackendJson.toJson(original)).isEqualTo(before);
    }

    @Test
    void toBuilderCopiesEverythingIncludingUnknownMembers() {
        Backend read = BackendJson.fromJson("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"x\",\"uid\":\"u-1\"},\"spec\":{\"type\":\"AI\",\"future\":{\"a\":1}},\"extra\":true}");

        Backend copy = read.toBuilder().build();

        assertThat(copy).isEqualTo(read);
        assertThat(copy.getAdditionalProperties()).containsOnlyKeys("extra");
        assertThat(copy.getSpec().getAdditionalProperties()).containsOnlyKeys("future");
    }

    @Test
    void listsAreImmutable() {
        Backend backend = staticWithTlsAndTwoHosts();
        List<StaticHost> hosts = backend.getSpec().getStaticBackend().getHosts();

        assertThatThrownBy(() -> hosts.add(StaticHost.builder().host("x").port(1).build()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hosts.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> backend.getMetadata().getFinalizers().add("f"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mapsAreImmutable() {
        Backend backend = staticWithTlsAndTwoHosts();

        assertThatThrownBy(() -> backend.getMetadata().getLabels().put("app", "other"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> backend.getMetadata().getAnnotations().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> backend.getAdditionalProperties().put("x", null))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builtCollectionsDoNotFollowLaterChangesToTheSource() {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        labels.put("app", "web");
        ObjectMeta meta = ObjectMeta.builder().name("web").labels(labels).build();

        labels.put("app", "changed");

        assertThat(meta.getLabels()).containsExactly(java.util.Map.entry("app", "web"));
    }

    @Test
    void absentCollectionsAreEmptyNotNull() {
        Backend backend = Backend.builder().metadata(m -> m.name("x")).build();

        assertThat(backend.getMetadata().getLabels()).isEmpty();
        assertThat(backend.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(backend.getAdditionalProperties()).isEmpty();
    }
}

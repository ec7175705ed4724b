package dev.kgateway.sdk.model;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One test per rule of {@code schema/backend.json}: an invalid Backend gives exactly the expected
 * violation (path, rule, value), and its valid twin gives none.
 *
 * <p>The seed schema's rules still apply to seed-shaped Backends (they are read and written back), so
 * several starting points are seed-shaped; their members that no kgateway release serves are always
 * reported too (rule {@code seedOnly}). The per-rule helpers leave those out ({@link #rules}); the
 * seed-only reports themselves are specified by the {@code seedOnly} tests below.
 */
@SuppressWarnings("deprecation") // the seed schema's rules are specified on seed-shaped Backends
class ValidationRulesTest {

    // ---- valid starting points ------------------------------------------------------------

    static Backend staticBackend() {
        return Backend.builder()
                .metadata(m -> m.name("web").namespace("default").putLabels("app", "web"))
                .spec(s -> s.type(BackendType.STATIC)
                        .staticBackend(st -> st.addHosts(h -> h.host("web.example.com").port(443))))
                .build();
    }

    static Backend awsBackend() {
        return Backend.builder()
                .metadata(m -> m.name("lambda").namespace("default"))
                .spec(s -> s.type(BackendType.AWS).aws(awsFields()))
                .build();
    }

    static AwsBackend awsFields() {
        return AwsBackend.builder().region("us-east-1").lambdaFunctionName("hello").accountId("123456789012")
                .roleArn("arn:aws:iam::123456789012:role/invoker").build();
    }

    static Backend aiBackend(AiProvider provider) {
        return Backend.builder()
                .metadata(m -> m.name("llm").namespace("ai"))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.provider(provider)))
                .build();
    }

    static AuthToken token() {
        return AuthToken.builder().secretRef(r -> r.name("api-key")).build();
    }

    static AiProvider openai() {
        return AiProvider.builder().type(AiProviderType.OPENAI).openai(o -> o.authToken(token())).build();
    }

    static AzureProvider azureFields() {
        return AzureProvider.builder().endpoint("x.openai.azure.com").deploymentName("gpt").apiVersion("2024-02-15-preview")
                .authToken(token()).build();
    }

    static Condition condition() {
        return Condition.builder().type("Accepted").status(ConditionStatus.TRUE).observedGeneration(3L)
                .lastTransitionTime("2024-01-31T12:00:00Z").reason("Accepted").message("").build();
    }

    static OwnerReference owner() {
        return OwnerReference.builder().apiVersion("v1").kind("ConfigMap").name("owner").uid("0b9c-11").controller(true).build();
    }

    // ---- helpers --------------------------------------------------------------------------

    static Backend meta(Backend b, UnaryOperator<ObjectMeta.Builder> change) {
        return b.withMetadata(change.apply(b.getMetadata().toBuilder()).build());
    }

    static Backend spec(Backend b, UnaryOperator<BackendSpec.Builder> change) {
        return b.withSpec(change.apply(b.getSpec().toBuilder()).build());
    }

    static Backend host(UnaryOperator<StaticHost.Builder> change) {
        Backend b = staticBackend();
        StaticHost h = b.getSpec().getStaticBackend().getHosts().get(0);
        return spec(b, s -> s.staticBackend(st -> st.addHosts(change.apply(h.toBuilder()).build())));
    }

    static Backend aws(UnaryOperator<AwsBackend.Builder> change) {
        return spec(awsBackend(), s -> s.aws(change.apply(awsFields().toBuilder()).build()));
    }

    static Backend status(Condition c) {
        return staticBackend().withStatus(BackendStatus.builder().addConditions(c).build());
    }

    /** The violations other than the seed-only reports of a seed-shaped starting point (see the class comment). */
    static List<Violation> rules(Backend backend) {
        return backend.validate().stream().filter(v -> !v.rule().equals("seedOnly")).toList();
    }

    static void assertOnly(Backend invalid, String path, String rule, String value) {
        assertThat(rules(invalid))
                .extracting(Violation::path, Violation::rule, Violation::value)
                .containsExactly(tuple(path, rule, value));
    }

    static void assertExactly(Backend invalid, Tuple... expected) {
        assertThat(rules(invalid)).extracting(Violation::path, Violation::rule, Violation::value).containsExactly(expected);
    }

    static void assertValid(Backend valid) {
        assertThat(rules(valid)).isEmpty();
    }

    @Test
    void kubernetesNamePatternsAreExplainedInWordsNotQuoted() {
        assertThat(rules(meta(staticBackend(), m -> m.name("My_Backend"))).get(0).message())
                .isEqualTo("must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
        assertThat(rules(meta(staticBackend(), m -> m.namespace("team.prod"))).get(0).message())
                .isEqualTo("must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit");
        assertThat(rules(aws(a -> a.accountId("123"))).get(0).message()).isEqualTo("must match ^[0-9]{12}$");
    }

    // ---- seed-only members: every release refuses them ----------------------------------------

    @Test
    void seedOnlyAwsMembersAreReportedNamingTheMembersKgatewayServes() {
        assertThat(awsBackend().validate()).extracting(Violation::path, Violation::rule, Violation::message, Violation::value).containsExactly(
                tuple("spec.aws.lambdaFunctionName", "seedOnly", "no kgateway release serves this member of the seed schema;"
                        + " use spec.aws.lambda.functionName (kgateway v2.0 and later): aws(a -> a.lambda(l -> l.functionName(..)));"
                        + " the account stays in accountId, or in lambda.accountId", "hello"),
                tuple("spec.aws.roleArn", "seedOnly", "no kgateway release serves this member of the seed schema;"
                        + " use spec.aws.auth.assumeRole.roleArn (kgateway v2.4 and later):"
                        + " aws(a -> a.auth(x -> x.type(AwsAuthType.ASSUME_ROLE).assumeRole(r -> r.roleArn(..))))",
                        "arn:aws:iam::123456789012:role/invoker"));
    }

    @Test
    void theSameAwsBackendInTheShapeKgatewayServesIsValid() {
        Backend real = spec(awsBackend(), s -> s.aws(a -> a.region("us-east-1").accountId("123456789012")
                .lambda(l -> l.functionName("hello"))
                .auth(x -> x.type(AwsAuthType.ASSUME_ROLE).assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/invoker")))));

        assertThat(real.validate()).isEmpty();
    }

    @Test
    void seedOnlyAiProviderHostTlsAndSecretNamespaceAreReportedOnce() {
        Backend seedAi = aiBackend(AiProvider.builder().type(AiProviderType.OPENAI)
                .openai(o -> o.authToken(t -> t.secretRef(r -> r.name("k"))))
                .build());
        Backend tls = host(h -> h.tls(t -> t.sni("web.example.com")));
        Backend llmWithSecretNamespace = Backend.builder().metadata(m -> m.name("llm"))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.llm(l -> l.openai(o -> o.authToken(t -> t.kind(AuthTokenKind.SECRET_REF)
                        .secretRef(r -> r.name("k").namespace("secrets")))))))
                .build();

        assertThat(seedAi.validate()).extracting(Violation::path, Violation::rule).containsExactly(tuple("spec.ai.provider", "seedOnly"));
        assertThat(seedAi.validate().get(0).message()).contains("use spec.ai.llm (kgateway v2.0 to v2.1)");
        assertThat(tls.validate()).extracting(Violation::path, Violation::rule).containsExactly(tuple("spec.static.hosts[0].tls", "seedOnly"));
        assertThat(tls.validate().get(0).message()).contains("BackendConfigPolicy");
        assertThat(llmWithSecretNamespace.validate()).extracting(Violation::path, Violation::rule)
                .containsExactly(tuple("spec.ai.llm.openai.authToken.secretRef.namespace", "seedOnly"));
    }

    @Test
    void seedShapedDocumentsStillReadAndWriteBackUnchanged() {
        Backend seed = awsBackend();

        Backend read = BackendJson.fromJson(BackendJson.toJson(seed));

        assertThat(read).isEqualTo(seed);
        assertThat(read.getSpec().getAws().getLambdaFunctionName()).isEqualTo("hello");
    }

    // ---- the valid twins themselves -------------------------------------------------------

    @Test
    void validStartingPointsHaveNoViolations() {
        assertValid(staticBackend());
        assertValid(awsBackend());
        assertValid(aiBackend(openai()));
        assertValid(aiBackend(AiProvider.builder().type(AiProviderType.AZURE).azure(azureFields()).build()));
        assertValid(aiBackend(AiProvider.builder().type(AiProviderType.GEMINI).gemini(g -> g.authToken(token())).build()));
        assertValid(aiBackend(AiProvider.builder().type(AiProviderType.MISTRAL).build()));
        assertValid(status(condition()));
        assertValid(meta(staticBackend(), m -> m.addOwnerReferences(owner())));
    }

    // ---- apiVersion / kind ----------------------------------------------------------------

    @Test
    void apiVersionMustBeTheConst() {
        assertOnly(staticBackend().withApiVersion("gateway.kgateway.dev/v1"), "apiVersion", "const", "gateway.kgateway.dev/v1");
        assertValid(staticBackend().withApiVersion(Backend.API_VERSION));
    }

    @Test
    void apiVersionIsRequired() {
        assertOnly(staticBackend().withApiVersion(null), "apiVersion", "required", null);
    }

    @Test
    void kindMustBeTheConst() {
        assertOnly(staticBackend().withKind("Service"), "kind", "const", "Service");
        assertValid(staticBackend().withKind("Backend"));
    }

    @Test
    void kindIsRequired() {
        assertOnly(staticBackend().withKind(null), "kind", "required", null);
    }

    @Test
    void metadataAndSpecAreRequired() {
        assertExactly(Backend.builder().build(), tuple("metadata", "required", null), tuple("spec", "required", null));
    }

    // ---- metadata -------------------------------------------------------------------------

    @Test
    void metadataNameIsRequired() {
        assertOnly(staticBackend().withMetadata(ObjectMeta.builder().namespace("default").build()), "metadata.name", "required", null);
        assertValid(staticBackend().withMetadata(ObjectMeta.builder().name("web").namespace("default").build()));
    }

    @Test
    void metadataNameMustBeADns1123Subdomain() {
        assertOnly(meta(staticBackend(), m -> m.name("Web_1")), "metadata.name", "pattern", "Web_1");
        assertOnly(meta(staticBackend(), m -> m.name("web-")), "metadata.name", "pattern", "web-");
        assertOnly(meta(staticBackend(), m -> m.name("web..1")), "metadata.name", "pattern", "web..1");
        assertValid(meta(staticBackend(), m -> m.name("web-1.prod.example")));
    }

    @Test
    void metadataNameIsAtMost253Characters() {
        String tooLong = "a".repeat(254);

        assertOnly(meta(staticBackend(), m -> m.name(tooLong)), "metadata.name", "maxLength", "a".repeat(80) + "... (254 chars)");
        assertValid(meta(staticBackend(), m -> m.name("a".repeat(253))));
    }

    @Test
    void metadataNamespaceMustBeADns1123Label() {
        assertOnly(meta(staticBackend(), m -> m.namespace("team.prod")), "metadata.namespace", "pattern", "team.prod");
        assertValid(meta(staticBackend(), m -> m.namespace("team-prod")));
    }

    @Test
    void metadataNamespaceIsAtMost63Characters() {
        assertOnly(meta(staticBackend(), m -> m.namespace("n".repeat(64))), "metadata.namespace", "maxLength", "n".repeat(64));
        assertValid(meta(staticBackend(), m -> m.namespace("n".repeat(63))));
    }

    @Test
    void labelValueIsAtMost63Characters() {
        assertOnly(meta(staticBackend(), m -> m.putLabels("team", "v".repeat(64))), "metadata.labels['team']", "maxLength", "v".repeat(64));
        assertValid(meta(staticBackend(), m -> m.putLabels("team", "v".repeat(63))));
    }

    @Test
    void labelValueMustMatchTheLabelValuePattern() {
        assertOnly(meta(staticBackend(), m -> m.putLabels("team", "-search")), "metadata.labels['team']", "pattern", "-search");
        assertValid(meta(staticBackend(), m -> m.putLabels("team", "search_1.a-b")));
        assertValid(meta(staticBackend(), m -> m.putLabels("team", "")));
    }

    @Test
    void generateNameIsAtMost253Characters() {
        assertOnly(meta(staticBackend(), m -> m.generateName("g".repeat(254))), "metadata.generateName", "maxLength",
                "g".repeat(80) + "... (254 chars)");
        assertValid(meta(staticBackend(), m -> m.generateName("web-")));
    }

    @Test
    void generationIsNotNegative() {
        assertOnly(meta(staticBackend(), m -> m.generation(-1L)), "metadata.generation", "minimum", "-1");
        assertValid(meta(staticBackend(), m -> m.generation(0L)));
    }

    @Test
    void timestampsMustBeRfc3339DateTimes() {
        assertOnly(meta(staticBackend(), m -> m.creationTimestamp("2024-01-31 12:00")), "metadata.creationTimestamp", "format",
                "2024-01-31 12:00");
        assertOnly(meta(staticBackend(), m -> m.deletionTimestamp("tomorrow")), "metadata.deletionTimestamp", "format", "tomorrow");
        assertValid(meta(staticBackend(), m -> m.creationTimestamp("2024-01-31T12:00:00Z").deletionTimestamp("2024-02-01T00:00:00.5+01:00")));
    }

    @Test
    void finalizerMustNotBeEmpty() {
        assertOnly(meta(staticBackend(), m -> m.addFinalizers("kgateway.dev/cleanup", "")), "metadata.finalizers[1]", "minLength", "");
        assertValid(meta(staticBackend(), m -> m.addFinalizers("kgateway.dev/cleanup")));
    }

    @Test
    void ownerReferenceRequiresApiVersionKindNameAndUid() {
        assertExactly(meta(staticBackend(), m -> m.addOwnerReferences(OwnerReference.builder().controller(true).build())),
                tuple("metadata.ownerReferences[0].apiVersion", "required", null),
                tuple("metadata.ownerReferences[0].kind", "required", null),
                tuple("metadata.ownerReferences[0].name", "required", null),
                tuple("metadata.ownerReferences[0].uid", "required", null));
        assertValid(meta(staticBackend(), m -> m.addOwnerReferences(owner())));
    }

    @Test
    void ownerReferenceMembersMustNotBeEmpty() {
        assertOnly(meta(staticBackend(), m -> m.addOwnerReferences(owner(), owner().withUid(""))),
                "metadata.ownerReferences[1].uid", "minLength", "");
    }

    // ---- spec.type and the union ----------------------------------------------------------

    @Test
    void metadataNameWithATrailingNewlineBreaksThePattern() {
        assertOnly(meta(staticBackend(), m -> m.name("web\n")), "metadata.name", "pattern", "web\n");
    }

    @Test
    void namespaceWithATrailingNewlineBreaksThePattern() {
        assertOnly(meta(staticBackend(), m -> m.namespace("default\n")), "metadata.namespace", "pattern", "default\n");
    }

    @Test
    void labelKeyMustBeAQualifiedName() {
        Backend bad = meta(staticBackend(), m -> m.putLabels("bad key!", "v"));

        assertOnly(bad, "metadata.labels['bad key!']", "propertyNames", "bad key!");
        assertThat(rules(bad).get(0).message()).startsWith("key must be a qualified name");
    }

    @Test
    void labelKeyMayHaveADnsSubdomainPrefix() {
        assertThat(rules(meta(staticBackend(), m -> m.putLabels("app.kubernetes.io/name", "web").putLabels("a_b.c-d", "x")))).isEmpty();
    }

    @Test
    void labelKeyPrefixMustBeADnsSubdomainOfAtMost253Characters() {
        assertOnly(meta(staticBackend(), m -> m.putLabels("Example.com/name", "v")), "metadata.labels['Example.com/name']",
                "propertyNames", "Example.com/name");
        String longPrefix = "a".repeat(254) + "/name";
        assertThat(rules(meta(staticBackend(), m -> m.putLabels(longPrefix, "v")))).extracting(Violation::rule)
                .containsExactly("propertyNames");
        assertThat(rules(meta(staticBackend(), m -> m.putLabels("a".repeat(63) + "." + "b".repeat(63) + "/name", "v")))).isEmpty();
    }

    @Test
    void labelKeyNameIsAtMost63CharactersAndHasOneSlashAtMost() {
        assertThat(rules(meta(staticBackend(), m -> m.putLabels("x".repeat(63), "v")))).isEmpty();
        assertOnly(meta(staticBackend(), m -> m.putLabels("x".repeat(64), "v")), "metadata.labels['" + "x".repeat(64) + "']",
                "propertyNames", "x".repeat(64));
        assertOnly(meta(staticBackend(), m -> m.putLabels("a/b/c", "v")), "metadata.labels['a/b/c']", "propertyNames", "a/b/c");
        assertOnly(meta(staticBackend(), m -> m.putLabels("example.com/", "v")), "metadata.labels['example.com/']", "propertyNames",
                "example.com/");
        assertOnly(meta(staticBackend(), m -> m.putLabels("-app", "v")), "metadata.labels['-app']", "propertyNames", "-app");
    }

    @Test
    void annotationKeyMustBeAQualifiedNameButItsValueIsFree() {
        assertOnly(meta(staticBackend(), m -> m.putAnnotations("not valid", "x")), "metadata.annotations['not valid']", "propertyNames",
                "not valid");
        assertThat(rules(meta(staticBackend(), m -> m.putAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"any\": \"thing\"}\n"))))
                .isEmpty();
    }

    @Test
    void specTypeIsOptionalWhenExactlyOneBlockIsSet() {
        assertThat(rules(spec(staticBackend(), s -> s.type(null)))).isEmpty();
    }

    @Test
    void specWithoutTypeNeedsABlock() {
        Backend none = spec(staticBackend(), s -> s.type(null).staticBackend((StaticBackend) null));

        assertOnly(none, "spec", "union", null);
        assertThat(rules(none).get(0).message()).startsWith("exactly one of static, aws, ai, dynamicForwardProxy, mcp, gcp, priorityGroups");
    }

    @Test
    void specWithoutTypeMustNotHaveTwoBlocks() {
        assertOnly(spec(staticBackend(), s -> s.type(null).aws(awsFields())), "spec", "union", "static, aws");
    }

    @Test
    void unknownSpecTypeIsAnEnumViolation() {
        Backend kafka = spec(staticBackend(), s -> s.type(BackendType.of("Kafka")));

        assertOnly(kafka, "spec.type", "enum", "Kafka");
        assertThat(rules(kafka).get(0).message()).contains("Static", "AWS", "AI", "GCP");
    }

    @Test
    void typeStaticRequiresTheStaticBlock() {
        assertOnly(spec(staticBackend(), s -> s.staticBackend((StaticBackend) null)), "spec.static", "union", null);
    }

    @Test
    void typeAwsRequiresTheAwsBlock() {
        assertOnly(spec(awsBackend(), s -> s.aws((AwsBackend) null)), "spec.aws", "union", null);
    }

    @Test
    void typeAiMustNotHaveAStaticBlock() {
        Backend both = spec(aiBackend(openai()), s -> s.staticBackend(staticBackend().getSpec().getStaticBackend()));

        assertOnly(both, "spec.static", "union", null);
        assertThat(rules(both).get(0).message()).isEqualTo("must not be set when type is AI");
    }

    @Test
    void typeAiWithoutAnyBlockNamesTheMissingAiBlock() {
        assertOnly(spec(aiBackend(openai()), s -> s.ai((AiBackend) null)), "spec.ai", "union", null);
    }

    @Test
    void providerOpenaiRequiresTheOpenaiBlock() {
        assertOnly(aiBackend(openai().withOpenai(null)), "spec.ai.provider.openai", "union", null);
    }

    @Test
    void providerMistralMustNotHaveAGeminiBlock() {
        AiProvider mistral = AiProvider.builder().type(AiProviderType.MISTRAL).gemini(g -> g.authToken(token())).build();

        assertOnly(aiBackend(mistral), "spec.ai.provider.gemini", "union", null);
        assertValid(aiBackend(mistral.withGemini(null)));
    }

    @Test
    void providerAzureMustNotAlsoHaveAnOpenaiBlock() {
        AiProvider azure = AiProvider.builder().type(AiProviderType.AZURE).azure(azureFields()).openai(o -> o.authToken(token())).build();

        assertOnly(aiBackend(azure), "spec.ai.provider.openai", "union", null);
    }

    @Test
    void providerTypeIsRequired() {
        assertOnly(aiBackend(openai().withType(null)), "spec.ai.provider.type", "required", null);
    }

    @Test
    void unknownProviderTypeIsAnEnumViolation() {
        assertOnly(aiBackend(openai().withType(AiProviderType.of("anthropic")).withOpenai(null)), "spec.ai.provider.type", "enum", "anthropic");
    }

    @Test
    void aiNeedsExactlyOneOfProviderLlmMultipoolOrPriorityGroups() {
        Backend empty = spec(aiBackend(openai()), s -> s.ai(AiBackend.builder().build()));

        assertOnly(empty, "spec.ai", "union", null);
        assertThat(rules(empty).get(0).message()).isEqualTo("exactly one of provider, llm, multipool, priorityGroups must be set");
    }

    // ---- static ---------------------------------------------------------------------------

    @Test
    void staticHostsNeedAtLeastOneHost() {
        Backend noHosts = spec(staticBackend(), s -> s.staticBackend(StaticBackend.builder().build()));

        assertOnly(noHosts, "spec.static.hosts", "minItems", "0");
    }

    @Test
    void staticHostsMayHaveSeveralHosts() {
        assertValid(spec(staticBackend(), s -> s.staticBackend(st -> st.addHosts(h -> h.host("a").port(1)).addHosts(h -> h.host("b").port(65535)))));
    }

    @Test
    void hostIsRequired() {
        assertOnly(host(h -> h.host(null)), "spec.static.hosts[0].host", "required", null);
    }

    @Test
    void hostMustNotBeEmpty() {
        assertOnly(host(h -> h.host("")), "spec.static.hosts[0].host", "minLength", "");
        assertValid(host(h -> h.host("h")));
    }

    @Test
    void portIsRequired() {
        assertOnly(host(h -> h.port(null)), "spec.static.hosts[0].port", "required", null);
    }

    @Test
    void portIsAtLeastOne() {
        assertOnly(host(h -> h.port(0)), "spec.static.hosts[0].port", "minimum", "0");
        assertValid(host(h -> h.port(1)));
    }

    @Test
    void portIsAtMost65535() {
        assertOnly(host(h -> h.port(65536)), "spec.static.hosts[0].port", "maximum", "65536");
        assertValid(host(h -> h.port(65535)));
    }

    @Test
    void sniMustNotBeEmpty() {
        assertOnly(host(h -> h.tls(t -> t.sni(""))), "spec.static.hosts[0].tls.sni", "minLength", "");
        assertValid(host(h -> h.tls(HostTls.builder().build())));
    }

    @Test
    void violationsOfSeveralHostsAreAllReportedWithTheirIndex() {
        Backend b = spec(staticBackend(), s -> s.staticBackend(st -> st
                .addHosts(h -> h.host("ok").port(80))
                .addHosts(h -> h.host("").port(80))
                .addHosts(h -> h.host("ok").port(70000))));

        assertExactly(b, tuple("spec.static.hosts[1].host", "minLength", ""), tuple("spec.static.hosts[2].port", "maximum", "70000"));
    }

    // ---- aws ------------------------------------------------------------------------------

    @Test
    void seedShapedAwsWithoutAnyFunctionBreaksTheAwsUnion() {
        Backend noFunction = aws(a -> a.lambdaFunctionName(null));

        assertOnly(noFunction, "spec.aws", "union", null);
        assertThat(rules(noFunction).get(0).message()).isEqualTo("exactly one of lambda, ec2, lambdaFunctionName must be set");
    }

    @Test
    void realLambdaBlockReplacesTheSeedsLambdaFunctionName() {
        Backend real = aws(a -> a.lambdaFunctionName(null).roleArn(null).lambda(l -> l.functionName("hello")));

        assertThat(rules(real)).isEmpty();
    }

    @Test
    void seedAndRealLambdaTogetherBreakTheAwsUnion() {
        assertOnly(aws(a -> a.lambda(l -> l.functionName("hello"))), "spec.aws", "union", "lambda, lambdaFunctionName");
    }

    @Test
    void realLambdaNeedsAnAccountIdOnAwsOrOnLambda() {
        Backend none = aws(a -> a.lambdaFunctionName(null).accountId(null).lambda(l -> l.functionName("hello")));
        Backend onLambda = aws(a -> a.lambdaFunctionName(null).accountId(null).lambda(l -> l.functionName("hello").accountId("123456789012")));

        assertOnly(none, "spec.aws", "required", null);
        assertThat(rules(none).get(0).message()).isEqualTo("one of accountId, lambda.accountId is required when lambda is set");
        assertThat(rules(onLambda)).isEmpty();
    }

    @Test
    void ec2NeedsNoAccountId() {
        assertThat(rules(aws(a -> a.lambdaFunctionName(null).accountId(null).ec2(e -> e.port(8080))))).isEmpty();
    }

    @Test
    void awsLambdaFunctionNameIsAtMost140Characters() {
        assertOnly(aws(a -> a.lambdaFunctionName("f".repeat(141))), "spec.aws.lambdaFunctionName", "maxLength",
                "f".repeat(80) + "... (141 chars)");
        assertOnly(aws(a -> a.lambdaFunctionName("")), "spec.aws.lambdaFunctionName", "minLength", "");
        assertValid(aws(a -> a.lambdaFunctionName("f".repeat(140))));
    }

    @Test
    void awsAccountIdIsRequired() {
        assertOnly(aws(a -> a.accountId(null)), "spec.aws.accountId", "required", null);
    }

    @Test
    void awsAccountIdIsTwelveDigits() {
        assertOnly(aws(a -> a.accountId("12345678901")), "spec.aws.accountId", "pattern", "12345678901");
        assertOnly(aws(a -> a.accountId("12345678901a")), "spec.aws.accountId", "pattern", "12345678901a");
        assertValid(aws(a -> a.accountId("000000000000")));
    }

    @Test
    void awsRegionMustLookLikeARegion() {
        assertOnly(aws(a -> a.region("US-EAST-1")), "spec.aws.region", "pattern", "US-EAST-1");
        assertValid(aws(a -> a.region("ap-southeast-2")));
        assertValid(aws(a -> a.region(null)));
    }

    @Test
    void awsRoleArnMustBeAnIamRoleArn() {
        assertOnly(aws(a -> a.roleArn("arn:aws:iam::123:role/x")), "spec.aws.roleArn", "pattern", "arn:aws:iam::123:role/x");
        assertValid(aws(a -> a.roleArn("arn:aws-cn:iam::123456789012:role/path/name")));
    }

    // ---- ai providers ---------------------------------------------------------------------

    @Test
    void azureRequiresEndpointDeploymentNameApiVersionAndAuthToken() {
        AiProvider empty = AiProvider.builder().type(AiProviderType.AZURE).azure(AzureProvider.builder().build()).build();

        assertExactly(aiBackend(empty),
                tuple("spec.ai.provider.azure.endpoint", "required", null),
                tuple("spec.ai.provider.azure.deploymentName", "required", null),
                tuple("spec.ai.provider.azure.apiVersion", "required", null),
                tuple("spec.ai.provider.azure.authToken", "required", null));
        assertValid(aiBackend(empty.withAzure(azureFields())));
    }

    @Test
    void azureFieldsMustNotBeEmpty() {
        AiProvider provider = AiProvider.builder().type(AiProviderType.AZURE).azure(azureFields().withEndpoint("")).build();

        assertOnly(aiBackend(provider), "spec.ai.provider.azure.endpoint", "minLength", "");
    }

    @Test
    void openaiAuthTokenIsRequired() {
        AiProvider provider = openai().withOpenai(OpenAiProvider.builder().build());

        assertOnly(aiBackend(provider), "spec.ai.provider.openai.authToken", "required", null);
    }

    @Test
    void geminiAuthTokenIsRequired() {
        AiProvider provider = AiProvider.builder().type(AiProviderType.GEMINI).gemini(GeminiProvider.builder().build()).build();

        assertOnly(aiBackend(provider), "spec.ai.provider.gemini.authToken", "required", null);
    }

    @Test
    void authTokenSecretRefIsRequired() {
        AiProvider provider = openai().withOpenai(OpenAiProvider.builder().authToken(AuthToken.builder().build()).build());

        assertOnly(aiBackend(provider), "spec.ai.provider.openai.authToken.secretRef", "required", null);
    }

    @Test
    void secretRefNameIsRequired() {
        AiProvider provider = openai().withOpenai(OpenAiProvider.builder().authToken(t -> t.secretRef(r -> r.namespace("secrets"))).build());

        assertOnly(aiBackend(provider), "spec.ai.provider.openai.authToken.secretRef.name", "required", null);
    }

    @Test
    void secretRefNameAndNamespaceFollowKubernetesNaming() {
        AiProvider badName = openai().withOpenai(OpenAiProvider.builder().authToken(t -> t.secretRef(r -> r.name("API_KEY"))).build());
        AiProvider badNamespace = openai().withOpenai(OpenAiProvider.builder()
                .authToken(t -> t.secretRef(r -> r.name("api-key").namespace("a.b"))).build());

        assertOnly(aiBackend(badName), "spec.ai.provider.openai.authToken.secretRef.name", "pattern", "API_KEY");
        assertOnly(aiBackend(badNamespace), "spec.ai.provider.openai.authToken.secretRef.namespace", "pattern", "a.b");
    }

    // ---- status ---------------------------------------------------------------------------

    @Test
    void conditionRequiresTypeStatusLastTransitionTimeReasonAndMessage() {
        assertExactly(status(Condition.builder().observedGeneration(1L).build()),
                tuple("status.conditions[0].type", "required", null),
                tuple("status.conditions[0].status", "required", null),
                tuple("status.conditions[0].lastTransitionTime", "required", null),
                tuple("status.conditions[0].reason", "required", null),
                tuple("status.conditions[0].message", "required", null));
        assertValid(status(condition()));
    }

    @Test
    void conditionReasonMustBeCamelCaseIdentifier() {
        assertOnly(status(condition().withReason("1Accepted")), "status.conditions[0].reason", "pattern", "1Accepted");
        assertExactly(status(condition().withReason("")),
                tuple("status.conditions[0].reason", "minLength", ""), tuple("status.conditions[0].reason", "pattern", ""));
        assertValid(status(condition().withReason("Accepted_By:Controller,1")));
    }

    @Test
    void conditionReasonIsAtMost1024Characters() {
        assertOnly(status(condition().withReason("R".repeat(1025))), "status.conditions[0].reason", "maxLength",
                "R".repeat(80) + "... (1025 chars)");
    }

    @Test
    void conditionTypeMustMatchTheQualifiedNamePattern() {
        assertOnly(status(condition().withType("not accepted")), "status.conditions[0].type", "pattern", "not accepted");
        assertValid(status(condition().withType("gateway.kgateway.dev/Accepted")));
    }

    @Test
    void conditionTypeIsAtMost316Characters() {
        assertOnly(status(condition().withType("T".repeat(317))), "status.conditions[0].type", "maxLength", "T".repeat(80) + "... (317 chars)");
    }

    @Test
    void conditionMessageIsAtMost32768Characters() {
        assertOnly(status(condition().withMessage("m".repeat(32769))), "status.conditions[0].message", "maxLength",
                "m".repeat(80) + "... (32769 chars)");
        assertValid(status(condition().withMessage("m".repeat(32768))));
    }

    @Test
    void conditionStatusMustBeKnown() {
        assertOnly(status(condition().withStatus(ConditionStatus.of("Maybe"))), "status.conditions[0].status", "enum", "Maybe");
    }

    @Test
    void conditionLastTransitionTimeMustBeADateTime() {
        assertOnly(status(condition().withLastTransitionTime("2024-01-31")), "status.conditions[0].lastTransitionTime", "format", "2024-01-31");
        assertOnly(status(condition().withLastTransitionTime("2024-01-31T12:00:00")), "status.conditions[0].lastTransitionTime", "format",
                "2024-01-31T12:00:00");
    }

    @Test
    void conditionObservedGenerationIsNotNegative() {
        assertOnly(status(condition().withObservedGeneration(-1L)), "status.conditions[0].observedGeneration", "minimum", "-1");
        assertValid(status(condition().withObservedGeneration(0L)));
    }

    @Test
    void statusHasAtMostEightConditions() {
        List<Condition> nine = java.util.stream.IntStream.range(0, 9).mapToObj(i -> condition().withType("Type" + i)).toList();

        assertOnly(staticBackend().withStatus(BackendStatus.builder().addAllConditions(nine).build()), "status.conditions", "maxItems", "9");
        assertValid(staticBackend().withStatus(BackendStatus.builder().addAllConditions(nine.subList(0, 8)).build()));
    }

    // ---- behaviour of validate(), validateOrThrow(), build() and reading ------------------

    @Test
    void validateReportsEveryViolationInSchemaOrder() {
        Backend b = meta(staticBackend(), m -> m.name("Bad_Name")).withKind("Thing");
        b = spec(b, s -> s.type(BackendType.AWS));

        assertExactly(b,
                tuple("kind", "const", "Thing"),
                tuple("metadata.name", "pattern", "Bad_Name"),
                tuple("spec.static", "union", null),
                tuple("spec.aws", "union", null));
    }

    @Test
    void validateOrThrowThrowsListingAllViolations() {
        Backend invalid = meta(staticBackend(), m -> m.name("Bad_Name").namespace("Bad_Namespace"));

        InvalidBackendException e = catchThrowableOfType(InvalidBackendException.class, invalid::validateOrThrow);

        assertThat(e.getViolations()).isEqualTo(rules(invalid)).hasSize(2);
        assertThat(e.getMessage()).contains("2 violations", "metadata.name: pattern", "metadata.namespace: pattern");
    }

    @Test
    void validateOrThrowReturnsTheSameBackendWhenValid() {
        Backend valid = staticBackend();

        assertThat(valid.validateOrThrow()).isSameAs(valid);
    }

    @Test
    void violationsListIsImmutable() {
        List<Violation> violations = Backend.builder().build().validate();

        assertThatThrownBy(() -> violations.add(new Violation("x", "y", "z", null))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void buildNeverThrowsForInvalidContent() {
        assertThatCode(() -> Backend.builder().apiVersion("x").kind("y")
                .metadata(m -> m.name("NOT VALID").putLabels("k", "-"))
                .spec(s -> s.type(BackendType.of("Nope")).staticBackend(st -> st.addHosts(h -> h.port(-5))))
                .build()).doesNotThrowAnyException();
    }

    @Test
    void readingNeverThrowsForInvalidContent() {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"NOT VALID\"},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"\",\"port\":70000}]},\"ai\":{}}}";

        Backend read = BackendJson.fromJson(json);

        assertExactly(read,
                tuple("apiVersion", "const", "v1"),
                tuple("metadata.name", "pattern", "NOT VALID"),
                tuple("spec.static.hosts[0].host", "minLength", ""),
                tuple("spec.static.hosts[0].port", "maximum", "70000"),
                tuple("spec.ai", "union", null),
                tuple("spec.ai", "union", null));
    }

    @Test
    void violationToStringShowsPathRuleMessageAndValue() {
        Violation v = rules(host(h -> h.port(70000))).get(0);

        assertThat(v).hasToString("spec.static.hosts[0].port: maximum: must be <= 65535 (was \"70000\")");
    }
}

package dev.kgateway.sdk.model.reliability;

import dev.kgateway.sdk.model.AiBackend;
import dev.kgateway.sdk.model.AiProvider;
import dev.kgateway.sdk.model.AiProviderType;
import dev.kgateway.sdk.model.AuthToken;
import dev.kgateway.sdk.model.AwsBackend;
import dev.kgateway.sdk.model.AzureProvider;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendSpec;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.Condition;
import dev.kgateway.sdk.model.ConditionStatus;
import dev.kgateway.sdk.model.GeminiProvider;
import dev.kgateway.sdk.model.HostTls;
import dev.kgateway.sdk.model.ObjectMeta;
import dev.kgateway.sdk.model.OpenAiProvider;
import dev.kgateway.sdk.model.OwnerReference;
import dev.kgateway.sdk.model.SecretReference;
import dev.kgateway.sdk.model.StaticBackend;
import dev.kgateway.sdk.model.StaticHost;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Random Backends for the property tests: every backend type and AI provider, unknown enum values,
 * random labels and annotations, and members the schema does not know attached to every object
 * of the model (so at every depth), holding random JSON values up to 4 levels deep. Strings mix
 * plain identifiers with text that is hard to write: YAML look-alikes ({@code true}, {@code ~},
 * {@code 0x1F}, {@code 1e3}, {@code 2024-01-31}), indicators, quotes and backslashes, control
 * characters, line separators (U+0085, U+2028) and supplementary code points.
 *
 * <p>"Valid" here means well-formed: every value has the JSON type its member declares, so the
 * Backend can be written and read. Schema rules are not all kept (ports, patterns and enum values
 * are random too): a round trip must not depend on them.
 *
 * <p>The generator draws from jqwik's {@link Random} ({@link Arbitraries#randomValue}), so a failing
 * try is reproduced by jqwik's seed. It is written by hand: the same distributions built from
 * jqwik combinators took 17 ms per Backend (shrinkable trees for every nested value), 17 s per
 * 1,000 tries; this takes well under 1 ms. Failing samples are not shrunk; the assertion prints
 * the Backend.
 */
final class ReliabilityArbitraries {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings YAML or JSON writers must quote or escape to keep them strings. */
    static final List<String> TRICKY = List.of(
            "", " ", "  ", "true", "false", "True", "FALSE", "null", "Null", "NULL", "~", "yes", "No", "on", "OFF", "y", "n",
            "0", "-0", "007", "0x1F", "0o17", "1e3", "-1.5E-7", "1_000", ".inf", "-.Inf", ".NaN", "+12", "2024-01-31",
            "2024-01-31T12:00:00Z", "12:30", "1:20:30", "@foo", "`x`", "- a", "? x", ": y", "#c", "a #b", "a: b", "a:b",
            "&a", "*a", "!tag", "!!str", "|", ">", "'", "\"", "\\", "\\n", "%YAML 1.2", "---", "...", "{}", "[]", "{a: 1}",
            "\t", "\n", "\r\n", "a\nb", "a\n", "\na", " lead", "trail ", "é", "日本語", "😀", "\u0000", "\u0007", "\u001b",
            "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ue000", "\ufffd", "\uffff", "${HOME}", "<<");

    // JSON names of the members each model type declares (read off the generated model, so they follow the schema):
    // an unknown member must not reuse one.
    private static final Set<String> BACKEND = declared(Backend.class);
    private static final Set<String> META = declared(ObjectMeta.class);
    private static final Set<String> OWNER = declared(OwnerReference.class);
    private static final Set<String> SPEC = declared(BackendSpec.class);
    private static final Set<String> STATIC = declared(StaticBackend.class);
    private static final Set<String> HOST = declared(StaticHost.class);
    private static final Set<String> TLS = declared(HostTls.class);
    private static final Set<String> AWS = declared(AwsBackend.class);
    private static final Set<String> AI = declared(AiBackend.class);
    private static final Set<String> PROVIDER = declared(AiProvider.class);
    private static final Set<String> OPENAI = declared(OpenAiProvider.class);
    private static final Set<String> GEMINI = declared(GeminiProvider.class);
    private static final Set<String> AZURE = declared(AzureProvider.class);
    private static final Set<String> TOKEN = declared(AuthToken.class);
    private static final Set<String> SECRET_REF = declared(SecretReference.class);
    private static final Set<String> STATUS = declared(BackendStatus.class);
    private static final Set<String> CONDITION = declared(Condition.class);

    private static Set<String> declared(Class<?> type) {
        return java.util.Arrays.stream(type.getMethods())
                .map(m -> m.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class))
                .filter(java.util.Objects::nonNull).map(com.fasterxml.jackson.annotation.JsonProperty::value)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private ReliabilityArbitraries() {
    }

    /** @return random well-formed Backends (see the class comment) */
    static Arbitrary<Backend> backends() {
        return Arbitraries.randomValue(ReliabilityArbitraries::backend);
    }

    // ---- strings ----

    static String identifier(Random r) {
        int length = 1 + r.nextInt(12);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(ID_CHARS.charAt(r.nextInt(i == 0 || i == length - 1 ? 36 : ID_CHARS.length())));
        }
        return out.toString();
    }

    /** Any code points, weighted towards ASCII; never a lone surrogate (no encoding can carry one). */
    static String anyText(Random r) {
        int length = r.nextInt(17);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int bucket = r.nextInt(10);
            int codePoint = bucket < 6 ? 0x20 + r.nextInt(0x5f)
                    : bucket == 6 ? r.nextInt(0x20)
                    : bucket == 7 ? 0x7f + r.nextInt(0xd800 - 0x7f)
                    : bucket == 8 ? 0xe000 + r.nextInt(0x2000)
                    : 0x10000 + r.nextInt(0x100000);
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    /** Mostly readable strings, often tricky ones, sometimes anything. */
    static String string(Random r) {
        int pick = r.nextInt(10);
        if (pick < 4) {
            return identifier(r);
        } else if (pick < 7) {
            return TRICKY.get(r.nextInt(TRICKY.size()));
        } else if (pick < 9) {
            return anyText(r);
        }
        return TRICKY.get(r.nextInt(TRICKY.size())) + identifier(r) + TRICKY.get(r.nextInt(TRICKY.size()));
    }

    static <T> T maybe(Random r, double nullChance, Supplier<T> value) {
        return r.nextDouble() < nullChance ? null : value.get();
    }

    static <T> List<T> list(Random r, int maxSize, Supplier<T> item) {
        int size = r.nextInt(maxSize + 1);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(item.get());
        }
        return out;
    }

    static Map<String, String> stringMap(Random r, int maxSize) {
        Map<String, String> out = new LinkedHashMap<>();
        int size = r.nextInt(maxSize + 1);
        for (int i = 0; i < size; i++) {
            out.put(string(r), string(r));
        }
        return out;
    }

    // ---- unknown members ----

    /** A random JSON value; containers up to {@code depth} levels deep. */
    static JsonNode json(Random r, int depth) {
        int pick = r.nextInt(depth > 0 ? 12 : 10);
        switch (pick) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(r.nextBoolean());
            case 2:
            case 3:
                return NODES.numberNode(r.nextBoolean() ? r.nextInt(100) - 10 : r.nextInt());
            case 4: {
                // only values outside int range: a long that fits an int is read back as an IntNode
                long value = r.nextLong();
                return NODES.numberNode(value == (int) value ? value + (1L << 40) : value);
            }
            case 5: {
                double value = r.nextBoolean() ? r.nextDouble() * 1000 : Double.longBitsToDouble(r.nextLong());
                return NODES.numberNode(Double.isFinite(value) ? value : 0.5);
            }
            case 10: {
                ArrayNode array = NODES.arrayNode();
                list(r, 3, () -> json(r, depth - 1)).forEach(array::add);
                return array;
            }
            case 11: {
                ObjectNode object = NODES.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    object.set(string(r), json(r, depth - 1));
                }
                return object;
            }
            default:
                return NODES.stringNode(string(r));
        }
    }

    /** Members a type does not declare: usually none, sometimes one to three. */
    static Map<String, JsonNode> unknown(Random r, Set<String> known) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (r.nextInt(4) == 0) {
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                String name = string(r);
                if (!known.contains(name)) {
                    out.put(name, json(r, 3));
                }
            }
        }
        return out;
    }

    /** Mostly small (0 to 999, as real generations are), sometimes any long. */
    static long smallOrAnyLong(Random r) {
        return r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(1000);
    }

    static <T> T pick(Random r, List<T> known, Function<String, T> unknown) {
        return r.nextInt(10) == 0 ? unknown.apply(string(r)) : known.get(r.nextInt(known.size()));
    }

    // ---- the model ----

    static Backend backend(Random r) {
        return Backend.builder()
                .apiVersion(r.nextInt(20) == 0 ? null : r.nextInt(10) == 0 ? string(r) : Backend.API_VERSION)
                .kind(r.nextInt(20) == 0 ? null : r.nextInt(10) == 0 ? string(r) : Backend.KIND)
                .metadata(maybe(r, 0.05, () -> meta(r)))
                .spec(maybe(r, 0.05, () -> spec(r)))
                .status(maybe(r, 0.6, () -> status(r)))
                .additionalProperties(unknown(r, BACKEND))
                .build();
    }

    static ObjectMeta meta(Random r) {
        return ObjectMeta.builder()
                .name(maybe(r, 0.1, () -> identifier(r)))
                .namespace(maybe(r, 0.5, () -> string(r)))
                .labels(stringMap(r, 4))
                .annotations(stringMap(r, 3))
                .generateName(maybe(r, 0.8, () -> string(r)))
                .resourceVersion(maybe(r, 0.5, () -> identifier(r)))
                .uid(maybe(r, 0.7, () -> string(r)))
                .generation(maybe(r, 0.7, () -> smallOrAnyLong(r)))
                .creationTimestamp(maybe(r, 0.7, () -> string(r)))
                .deletionTimestamp(maybe(r, 0.9, () -> string(r)))
                .finalizers(list(r, 2, () -> string(r)))
                .ownerReferences(list(r, 2, () -> owner(r)))
                .additionalProperties(unknown(r, META))
                .build();
    }

    static OwnerReference owner(Random r) {
        return OwnerReference.builder().apiVersion(string(r)).kind(string(r)).name(string(r)).uid(string(r))
                .controller(maybe(r, 0.5, r::nextBoolean)).blockOwnerDeletion(maybe(r, 0.5, r::nextBoolean))
                .additionalProperties(unknown(r, OWNER)).build();
    }

    /** Any combination of blocks: a union violation is still a readable Backend. */
    static BackendSpec spec(Random r) {
        return BackendSpec.builder()
                .type(maybe(r, 0.05, () -> pick(r, BackendType.knownValues(), BackendType::of)))
                .staticBackend(maybe(r, 0.5, () -> statics(r)))
                .aws(maybe(r, 0.5, () -> aws(r)))
                .ai(maybe(r, 0.5, () -> ai(r)))
                .additionalProperties(unknown(r, SPEC))
                .build();
    }

    static StaticBackend statics(Random r) {
        return StaticBackend.builder().hosts(list(r, 4, () -> host(r))).additionalProperties(unknown(r, STATIC)).build();
    }

    static StaticHost host(Random r) {
        return StaticHost.builder()
                .host(maybe(r, 0.05, () -> string(r)))
                .port(maybe(r, 0.05, () -> r.nextInt(10) == 0 ? r.nextInt() : 1 + r.nextInt(65535)))
                .tls(maybe(r, 0.6, () -> HostTls.builder().sni(maybe(r, 0.2, () -> string(r))).additionalProperties(unknown(r, TLS)).build()))
                .additionalProperties(unknown(r, HOST))
                .build();
    }

    static AwsBackend aws(Random r) {
        return AwsBackend.builder()
                .region(maybe(r, 0.3, () -> string(r)))
                .lambdaFunctionName(maybe(r, 0.1, () -> string(r)))
                .accountId(maybe(r, 0.1, () -> r.nextInt(4) == 0 ? string(r) : String.format("%012d", Math.floorMod(r.nextLong(), 1_000_000_000_000L))))
                .roleArn(maybe(r, 0.5, () -> string(r)))
                .additionalProperties(unknown(r, AWS))
                .build();
    }

    static AiBackend ai(Random r) {
        return AiBackend.builder().provider(maybe(r, 0.05, () -> provider(r))).additionalProperties(unknown(r, AI)).build();
    }

    static AiProvider provider(Random r) {
        return AiProvider.builder()
                .type(maybe(r, 0.05, () -> pick(r, AiProviderType.knownValues(), AiProviderType::of)))
                .openai(maybe(r, 0.6, () -> OpenAiProvider.builder().authToken(maybe(r, 0.1, () -> token(r)))
                        .additionalProperties(unknown(r, OPENAI)).build()))
                .azure(maybe(r, 0.7, () -> AzureProvider.builder().endpoint(string(r)).deploymentName(string(r)).apiVersion(string(r))
                        .authToken(maybe(r, 0.1, () -> token(r))).additionalProperties(unknown(r, AZURE)).build()))
                .gemini(maybe(r, 0.7, () -> GeminiProvider.builder().authToken(maybe(r, 0.1, () -> token(r)))
                        .additionalProperties(unknown(r, GEMINI)).build()))
                .additionalProperties(unknown(r, PROVIDER))
                .build();
    }

    static AuthToken token(Random r) {
        return AuthToken.builder()
                .secretRef(maybe(r, 0.1, () -> SecretReference.builder().name(maybe(r, 0.1, () -> identifier(r)))
                        .namespace(maybe(r, 0.6, () -> string(r))).additionalProperties(unknown(r, SECRET_REF)).build()))
                .additionalProperties(unknown(r, TOKEN))
                .build();
    }

    static BackendStatus status(Random r) {
        return BackendStatus.builder().conditions(list(r, 3, () -> condition(r))).additionalProperties(unknown(r, STATUS)).build();
    }

    static Condition condition(Random r) {
        return Condition.builder()
                .type(string(r))
                .status(maybe(r, 0.05, () -> pick(r, ConditionStatus.knownValues(), ConditionStatus::of)))
                .observedGeneration(maybe(r, 0.5, () -> smallOrAnyLong(r)))
                .lastTransitionTime(string(r))
                .reason(string(r))
                .message(string(r))
                .additionalProperties(unknown(r, CONDITION))
                .build();
    }
}

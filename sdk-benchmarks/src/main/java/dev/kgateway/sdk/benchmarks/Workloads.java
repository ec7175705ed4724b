package dev.kgateway.sdk.benchmarks;

import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents every benchmark reads: {@code BackendList} JSON as a Kubernetes API server returns it
 * (keys sorted at every level, server-set metadata, {@code managedFields} trees), generated once per
 * size from a fixed seed, so every run and every fork sees the same bytes.
 *
 * <p>Mix per item (by a seeded draw): 40% Static (1-4 hosts, a third of them with {@code tls.sni}),
 * 20% AWS, 40% AI spread evenly over openai, azure, gemini and mistral. Every item has labels,
 * annotations (30% also a {@code kubectl.kubernetes.io/last-applied-configuration}), resourceVersion,
 * uid, generation, creationTimestamp, two managedFields entries and one or two status conditions.
 * About 10% carry members the schema does not know, in upstream kgateway shapes:
 * {@code spec.aws.lambda}, {@code spec.ai.llm} or {@code spec.priorityGroups}. Enum members
 * ({@code spec.type}, {@code provider.type}, condition {@code status}) only ever hold values the schema
 * lists, so the stock POJOs (whose enums reject unknown values) decode the same documents.
 */
public final class Workloads {

    public static final long SEED = 0x6B67_7779L; // "kgwy"
    public static final String API_VERSION = "gateway.kgateway.dev/v1alpha1";

    private static final JsonMapper WRITER = JsonMapper.builder().build();
    private static final Map<Integer, byte[]> LISTS = new ConcurrentHashMap<>();
    private static final String[] TEAMS = {"payments", "search", "identity", "ml-platform", "edge", "checkout"};
    private static final String[] ENVS = {"prod", "staging", "dev"};
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    private static final String[] PROVIDERS = {"openai", "azure", "gemini", "mistral"};

    private Workloads() {
    }

    /**
     * Where the runner leaves the generated documents for its JMH forks
     * ({@code backend-list-<size>.json}), so a fork reads them instead of generating them again.
     */
    public static final String DIRECTORY_PROPERTY = "kgateway.bench.workloads";

    /** @return a {@code BackendList} document of {@code size} items, UTF-8 JSON, cached per size */
    public static byte[] backendList(int size) {
        return LISTS.computeIfAbsent(size, n -> {
            String directory = System.getProperty(DIRECTORY_PROPERTY);
            if (directory != null) {
                java.nio.file.Path file = java.nio.file.Path.of(directory, fileName(n));
                if (java.nio.file.Files.isRegularFile(file)) {
                    try {
                        return java.nio.file.Files.readAllBytes(file);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            return write(listDocument(items(n, null)));
        });
    }

    /** Writes the documents of {@code sizes} to {@code directory} for {@link #DIRECTORY_PROPERTY}. */
    public static void writeFiles(java.nio.file.Path directory, int... sizes) throws java.io.IOException {
        java.nio.file.Files.createDirectories(directory);
        for (int size : sizes) {
            java.nio.file.Files.write(directory.resolve(fileName(size)), backendList(size));
        }
    }

    private static String fileName(int size) {
        return "backend-list-" + size + ".json";
    }

    /** @return {@code size} items as sorted maps (the same items {@link #backendList(int)} holds), optionally all in {@code namespace} */
    public static List<Map<String, Object>> items(int size, String namespace) {
        Random random = new Random(SEED);
        List<Map<String, Object>> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(item(random, i, namespace));
        }
        return items;
    }

    /** @return the list document around {@code items} */
    public static Map<String, Object> listDocument(List<Map<String, Object>> items) {
        return o("apiVersion", API_VERSION, "kind", "BackendList",
                "metadata", o("resourceVersion", "9184312"),
                "items", items);
    }

    /** @return {@code value} as compact UTF-8 JSON */
    public static byte[] write(Object value) {
        return WRITER.writeValueAsBytes(value);
    }

    /** @return {@code value} as compact JSON */
    public static String writeString(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    static Map<String, Object> item(Random random, int index, String namespaceOverride) {
        String team = pick(random, TEAMS);
        String env = pick(random, ENVS);
        String namespace = namespaceOverride != null ? namespaceOverride : team + "-" + env;
        int draw = random.nextInt(100);
        boolean unknownShape = random.nextInt(10) == 0;
        long generation = 1 + random.nextInt(12);

        Map<String, Object> spec;
        String kindName;
        String specType;
        if (draw < 40) {
            specType = "Static";
            kindName = "static";
            spec = staticSpec(random, index, namespace);
        } else if (draw < 60) {
            specType = "AWS";
            kindName = "lambda";
            spec = awsSpec(random, index, unknownShape);
        } else {
            specType = "AI";
            String provider = PROVIDERS[(draw - 60) / 10];
            kindName = provider;
            spec = aiSpec(random, index, provider, unknownShape);
        }
        if (unknownShape && specType.equals("Static")) {
            spec.put("priorityGroups", List.of(
                    o("providers", List.of(o("name", "primary", "weight", 80), o("name", "fallback", "weight", 20)))));
        }
        spec.put("type", specType);
        String name = kindName + "-" + team + "-" + index;

        Map<String, Object> labels = o(
                "app.kubernetes.io/name", name,
                "app.kubernetes.io/part-of", "kgateway",
                "app.kubernetes.io/managed-by", random.nextBoolean() ? "Helm" : "kubectl",
                "team", team,
                "env", env);
        Map<String, Object> annotations = o(
                "kgateway.dev/owner", team + "@example.com",
                "meta.helm.sh/release-name", "backends-" + team,
                "meta.helm.sh/release-namespace", namespace);
        if (random.nextInt(10) < 3) {
            annotations.put("kubectl.kubernetes.io/last-applied-configuration", writeString(o(
                    "apiVersion", API_VERSION, "kind", "Backend",
                    "metadata", o("annotations", o("kgateway.dev/owner", team + "@example.com"), "labels", labels,
                            "name", name, "namespace", namespace),
                    "spec", spec)) + "\n");
        }
        String created = timestamp(random, 0);
        String updated = timestamp(random, 1);
        List<Map<String, Object>> conditions = new ArrayList<>();
        conditions.add(o("lastTransitionTime", updated, "message", "Backend accepted", "observedGeneration", generation,
                "reason", "Accepted", "status", "True", "type", "Accepted"));
        if (random.nextBoolean()) {
            boolean resolved = random.nextInt(5) != 0;
            conditions.add(o("lastTransitionTime", updated,
                    "message", resolved ? "" : "Secret " + namespace + "/" + name + "-key not found",
                    "observedGeneration", generation,
                    "reason", resolved ? "ResolvedRefs" : "RefNotPermitted",
                    "status", resolved ? "True" : "False", "type", "ResolvedRefs"));
        }
        Map<String, Object> metadata = o(
                "annotations", annotations,
                "creationTimestamp", created,
                "generation", generation,
                "labels", labels,
                "managedFields", managedFields(labels, annotations, spec, conditions, created, updated),
                "name", name,
                "namespace", namespace,
                "resourceVersion", Long.toString(1_000_000L + random.nextInt(8_000_000)),
                "uid", new UUID(random.nextLong(), random.nextLong()).toString());
        return o("apiVersion", API_VERSION, "kind", "Backend", "metadata", metadata, "spec", spec,
                "status", o("conditions", conditions));
    }

    private static Map<String, Object> staticSpec(Random random, int index, String namespace) {
        int hostCount = 1 + random.nextInt(4);
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (int h = 0; h < hostCount; h++) {
            String host = random.nextBoolean()
                    ? "svc-" + index + "-" + h + "." + namespace + ".svc.cluster.local"
                    : "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            Map<String, Object> entry = o("host", host, "port", random.nextBoolean() ? 443 : 8080 + random.nextInt(100));
            if (random.nextInt(3) == 0) {
                entry.put("tls", o("sni", "api-" + index + ".example.com"));
            }
            hosts.add(entry);
        }
        return o("static", o("hosts", hosts));
    }

    private static Map<String, Object> awsSpec(Random random, int index, boolean unknownShape) {
        String account = String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
        Map<String, Object> aws = o(
                "region", pick(random, REGIONS),
                "lambdaFunctionName", "fn-" + index + "-handler",
                "accountId", account);
        if (random.nextBoolean()) {
            aws.put("roleArn", "arn:aws:iam::" + account + ":role/kgateway-invoke-" + index);
        }
        if (unknownShape) {
            aws.put("lambda", o("functionName", "fn-" + index + "-handler", "qualifier", "$LATEST",
                    "invocationMode", "Sync", "payloadTransformMode", "Envoy"));
        }
        return o("aws", aws);
    }

    private static Map<String, Object> aiSpec(Random random, int index, String provider, boolean unknownShape) {
        Map<String, Object> token = o("secretRef", o("name", provider + "-key-" + index));
        Map<String, Object> providerBlock = o("type", provider);
        switch (provider) {
            case "openai" -> providerBlock.put("openai", o("authToken", token));
            case "azure" -> providerBlock.put("azure", o(
                    "endpoint", "tenant-" + index + ".openai.azure.com",
                    "deploymentName", "gpt-4o-" + (index % 7),
                    "apiVersion", "2024-10-21",
                    "authToken", token));
            case "gemini" -> providerBlock.put("gemini", o("authToken", token));
            default -> {
                // mistral has no settings block in this schema
            }
        }
        Map<String, Object> ai = o("provider", providerBlock);
        Map<String, Object> spec = o("ai", ai);
        if (unknownShape) {
            if (random.nextBoolean()) {
                ai.put("llm", o(provider, o("authToken", o("kind", "SecretRef", "secretRef", o("name", provider + "-key-" + index)),
                        "model", "gpt-4o-mini"), "hostOverride", o("host", "llm-proxy.internal", "port", 443)));
            } else {
                spec.put("priorityGroups", List.of(
                        o("providers", List.of(o("name", provider + "-primary", provider, o("model", "large")))),
                        o("providers", List.of(o("name", provider + "-fallback", provider, o("model", "small"))))));
            }
        }
        return spec;
    }

    /** Two entries as an API server writes them: the applier's and the controller's status writer. */
    private static List<Map<String, Object>> managedFields(Map<String, Object> labels, Map<String, Object> annotations,
                                                           Map<String, Object> spec, List<Map<String, Object>> conditions,
                                                           String created, String updated) {
        Map<String, Object> labelFields = o(".", o());
        labels.keySet().forEach(k -> labelFields.put("f:" + k, o()));
        Map<String, Object> annotationFields = o(".", o());
        annotations.keySet().forEach(k -> annotationFields.put("f:" + k, o()));
        Map<String, Object> applied = o("f:metadata", o("f:annotations", annotationFields, "f:labels", labelFields),
                "f:spec", fieldsOf(spec));
        Map<String, Object> conditionFields = o(".", o());
        for (Map<String, Object> c : conditions) {
            Map<String, Object> one = o(".", o());
            c.keySet().forEach(k -> one.put("f:" + k, o()));
            conditionFields.put("k:{\"type\":\"" + c.get("type") + "\"}", one);
        }
        Map<String, Object> status = o("f:status", o(".", o(), "f:conditions", conditionFields));
        return List.of(
                o("apiVersion", API_VERSION, "fieldsType", "FieldsV1", "fieldsV1", applied,
                        "manager", "helm", "operation", "Update", "time", created),
                o("apiVersion", API_VERSION, "fieldsType", "FieldsV1", "fieldsV1", status,
                        "manager", "kgateway", "operation", "Update", "subresource", "status", "time", updated));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsOf(Map<String, Object> object) {
        Map<String, Object> out = o(".", o());
        for (Map.Entry<String, Object> e : object.entrySet()) {
            Object v = e.getValue();
            out.put("f:" + e.getKey(), (v instanceof Map<?, ?> m) ? fieldsOf((Map<String, Object>) m) : o());
        }
        return out;
    }

    private static String timestamp(Random random, int later) {
        int day = 1 + random.nextInt(28);
        return String.format("2025-%02d-%02dT%02d:%02d:%02dZ", 1 + random.nextInt(6) + later * 3, day,
                random.nextInt(24), random.nextInt(60), random.nextInt(60));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A sorted map (the API server writes keys in order); mutable so callers can add members. */
    static Map<String, Object> o(Object... keyValues) {
        Map<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}

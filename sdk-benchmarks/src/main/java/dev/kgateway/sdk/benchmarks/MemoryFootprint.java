package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.benchmarks.pojo.Condition;
import dev.kgateway.sdk.benchmarks.pojo.Provider;
import dev.kgateway.sdk.benchmarks.pojo.Spec;
import dev.kgateway.sdk.model.AiProviderType;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.ConditionStatus;
import dev.kgateway.sdk.model.DecodeOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import org.openjdk.jol.info.GraphLayout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retained heap per Backend, measured with JOL: decode the same {@code BackendList} document into
 * each representation and walk the object graph of the decoded items.
 *
 * <p>Method: {@code GraphLayout.parseInstance(items, shared...).totalSize() -
 * GraphLayout.parseInstance(shared...).totalSize()}, divided by the item count. {@code shared} holds
 * what exists whatever was decoded and may be referenced from the items: the JDK's boxed-value caches
 * ({@code Integer}/{@code Long} -128..127, {@code Boolean}), the empty-collection singletons, and the
 * enum constants of the SDK (open enums' known values) and of the stock POJOs. Walking the two
 * graphs separately keeps the result independent of object addresses (a GC may move objects in
 * between). What the items share with each other (canonicalized member-name strings, for instance)
 * is counted once for the whole list, as it would be in a real heap, and vanishes when divided by
 * 10,000. Only the items are walked (the {@code List} of items, not the wrapper document).
 */
public final class MemoryFootprint {

    /** The documents as the API server sends them. */
    public static final String AS_SERVED = "as served";
    /** The same items without {@code metadata.managedFields} and the last-applied-configuration annotation. */
    public static final String SCHEMA_MEMBERS = "without managedFields and last-applied annotation";
    /**
     * The as-served documents read by the SDK with {@code DecodeOptions.stripManagedFields()} (what a
     * read-only cache holds); the other sides have no such option, so only the SDK is measured.
     */
    public static final String AS_SERVED_STRIPPED = "as served, decoded with stripManagedFields";

    /**
     * Bytes per item for each variant ({@link #AS_SERVED}, {@link #SCHEMA_MEMBERS}) and representation
     * (sdk, fabric8, pojo), and the largest classes of the as-served graphs.
     */
    public record Result(int items, Map<String, Map<String, Double>> bytesPerItem, Map<String, String> topClasses) {
    }

    private MemoryFootprint() {
    }

    /** Arguments: item count (default 10000), and optionally a file to write the result to as JSON. */
    public static void main(String[] args) throws java.io.IOException {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Result result = measure(items);
        result.bytesPerItem().forEach((variant, sides) -> sides.forEach((side, bytes) ->
                System.out.printf("%-8s %10.1f bytes/Backend (%s)%n", side, bytes, variant)));
        result.topClasses().forEach((side, top) -> System.out.println("  " + side + " largest: " + top));
        if (args.length > 1) {
            java.nio.file.Files.write(java.nio.file.Path.of(args[1]), Codecs.PLAIN.writeValueAsBytes(result));
        }
    }

    public static Result measure(int items) {
        Map<String, Map<String, Double>> perItem = new LinkedHashMap<>();
        Map<String, String> top = new LinkedHashMap<>();
        perItem.put(AS_SERVED, measure(Workloads.backendList(items), items, top));
        List<Map<String, Object>> stripped = Workloads.items(items, null);
        for (Map<String, Object> item : stripped) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) item.get("metadata");
            metadata.remove("managedFields");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) metadata.get("annotations");
            annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        }
        perItem.put(SCHEMA_MEMBERS, measure(Workloads.write(Workloads.listDocument(stripped)), items, null));
        Map<String, Object> strippedRead = new LinkedHashMap<>();
        SdkBackendList list = DecodeOptions.stripManagedFields().applyTo(Codecs.SDK.readerFor(SdkBackendList.class))
                .readValue(Workloads.backendList(items));
        strippedRead.put("sdk", list.items);
        Map<String, String> strippedTop = new LinkedHashMap<>();
        perItem.put(AS_SERVED_STRIPPED, measure(strippedRead, items, strippedTop));
        top.put("sdk, stripManagedFields", strippedTop.get("sdk"));
        return new Result(items, perItem, top);
    }

    private static Map<String, Double> measure(byte[] json, int items, Map<String, String> top) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        decoded.put("sdk", Codecs.SDK.readValue(json, SdkBackendList.class).items);
        decoded.put("fabric8", Codecs.FABRIC8.readValue(json, GenericKubernetesResourceList.class).getItems());
        decoded.put("pojo", Codecs.PLAIN.readValue(json, PojoBackendList.class).items);
        return measure(decoded, items, top);
    }

    private static Map<String, Double> measure(Map<String, Object> decoded, int items, Map<String, String> top) {
        Object[] shared = sharedRoots();
        long sharedSize = GraphLayout.parseInstance(shared).totalSize();

        Map<String, Double> perItem = new LinkedHashMap<>();
        for (Map.Entry<String, Object> side : decoded.entrySet()) {
            Object[] roots = new Object[shared.length + 1];
            roots[0] = side.getValue();
            System.arraycopy(shared, 0, roots, 1, shared.length);
            GraphLayout layout = GraphLayout.parseInstance(roots);
            perItem.put(side.getKey(), (layout.totalSize() - sharedSize) / (double) items);
            if (top != null) {
                top.put(side.getKey(), topClasses(layout, items));
            }
        }
        return perItem;
    }

    private static String topClasses(GraphLayout layout, int items) {
        List<Class<?>> classes = new ArrayList<>(layout.getClasses());
        classes.sort(Comparator.comparingLong((Class<?> c) -> layout.getClassSizes().count(c)).reversed());
        StringBuilder out = new StringBuilder();
        for (Class<?> c : classes.subList(0, Math.min(6, classes.size()))) {
            out.append(out.length() == 0 ? "" : ", ").append(c.getSimpleName()).append(' ')
                    .append(layout.getClassSizes().count(c) / items).append(" B");
        }
        return out.toString();
    }

    static Object[] sharedRoots() {
        List<Object> roots = new ArrayList<>();
        for (int i = -128; i <= 127; i++) {
            roots.add(Integer.valueOf(i));
            roots.add(Long.valueOf(i));
        }
        roots.add(Boolean.TRUE);
        roots.add(Boolean.FALSE);
        roots.add(Collections.emptyMap());
        roots.add(Collections.emptyList());
        roots.add(Collections.emptySet());
        roots.add(List.of());
        roots.add(Map.of());
        roots.add(BackendType.knownValues());
        roots.add(AiProviderType.knownValues());
        roots.add(ConditionStatus.knownValues());
        Collections.addAll(roots, Spec.Type.values());
        Collections.addAll(roots, Provider.Type.values());
        Collections.addAll(roots, Condition.Status.values());
        return roots.toArray();
    }
}

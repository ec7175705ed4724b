package dev.kgateway.sdk.benchmarks;

import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Method;

/** The mappers each side of the serialization benchmarks uses. All are Jackson 3 and thread-safe. */
public final class Codecs {

    /** The SDK's own configured mapper. */
    public static final JsonMapper SDK = BackendJson.jsonMapper();

    /** fabric8's serialization as {@code new KubernetesSerialization()} configures it. */
    public static final KubernetesSerialization FABRIC8_SERIALIZATION = new KubernetesSerialization();

    /**
     * The mapper inside {@link #FABRIC8_SERIALIZATION}. Its public API only offers
     * {@code unmarshal(InputStream)} and {@code asJson(..)} (a String); to compare bytes-to-objects and
     * objects-to-bytes on equal terms with the other sides we call the very mapper it is configured
     * with ({@code readValue(byte[])} / {@code writeValueAsBytes}). {@link #fabric8Unmarshal} is the
     * public route, checked to give the same objects.
     */
    public static final ObjectMapper FABRIC8 = fabric8Mapper();

    /** A plain Jackson 3 mapper, defaults untouched, for the stock POJOs and the token floor. */
    public static final JsonMapper PLAIN = JsonMapper.builder().build();

    private Codecs() {
    }

    /** @return the list decoded through fabric8's public {@code unmarshal(InputStream, Class)} */
    public static GenericKubernetesResourceList fabric8Unmarshal(byte[] json) {
        return FABRIC8_SERIALIZATION.unmarshal(new java.io.ByteArrayInputStream(json), GenericKubernetesResourceList.class);
    }

    private static ObjectMapper fabric8Mapper() {
        try {
            Method getter = KubernetesSerialization.class.getDeclaredMethod("getMapper");
            getter.setAccessible(true);
            return (ObjectMapper) getter.invoke(FABRIC8_SERIALIZATION);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach KubernetesSerialization's mapper", e);
        }
    }
}

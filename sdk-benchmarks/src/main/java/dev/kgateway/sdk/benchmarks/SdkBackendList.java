package dev.kgateway.sdk.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kgateway.sdk.model.Backend;

import java.util.List;
import java.util.Map;

/**
 * A {@code BackendList} document with model Backends as items: the SDK side of the decode and
 * encode benchmarks. Shaped like {@link PojoBackendList} so both sides bind the same members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "items", "kind", "metadata"})
public final class SdkBackendList {
    public String apiVersion;
    public List<Backend> items;
    public String kind;
    public Map<String, Object> metadata;
}

package dev.kgateway.sdk.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kgateway.sdk.benchmarks.pojo.Backend;

import java.util.List;
import java.util.Map;

/** A {@code BackendList} document with stock jsonschema2pojo Backends as items. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "items", "kind", "metadata"})
public final class PojoBackendList {
    public String apiVersion;
    public List<Backend> items;
    public String kind;
    public Map<String, Object> metadata;
}

package dev.kgateway.sdk.client;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * What kube-apiserver's apiextensions controller does and fabric8's CRUD mock does not: a stored
 * CustomResourceDefinition gets the conditions {@code NamesAccepted} and {@code Established}. The
 * mock dispatchers call {@link #afterDispatch} after handling each request.
 */
public final class EstablishingCrds {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EstablishingCrds() {
    }

    /** After a write to a CRD: marks every stored CRD that lacks it Established. */
    public static void afterDispatch(RecordedRequest request, Map<AttributeSet, String> store) {
        if (request.getPath() == null || !request.getPath().contains("/customresourcedefinitions") || "GET".equals(request.getMethod())) {
            return;
        }
        for (Map.Entry<AttributeSet, String> entry : store.entrySet()) {
            String value = entry.getValue();
            if (value != null && value.contains("\"CustomResourceDefinition\"")) {
                JsonNode tree = JSON.readTree(value);
                if ("CustomResourceDefinition".equals(tree.path("kind").asString("")) && !established(tree)) {
                    ObjectNode status = ((ObjectNode) tree).putObject("status");
                    ArrayNode conditions = status.putArray("conditions");
                    conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts");
                    conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted");
                    entry.setValue(JSON.writeValueAsString(tree));
                }
            }
        }
    }

    private static boolean established(JsonNode crd) {
        for (JsonNode c : crd.path("status").path("conditions")) {
            if ("Established".equals(c.path("type").asString(""))) {
                return true;
            }
        }
        return false;
    }
}

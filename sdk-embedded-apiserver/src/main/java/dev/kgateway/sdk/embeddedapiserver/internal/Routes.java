package dev.kgateway.sdk.embeddedapiserver.internal;

import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The server's paths: {@code /version}, the discovery documents ({@code /api/v1},
 * {@code /apis/<group>/<version>}) listing the types served, and the parsing of a resource path
 * into a {@link Target} of a served type. Reads the types without the lock, as they are a concurrent map.
 */
final class Routes {

    private static final String VERSION =
            "{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.0-kgateway-sdk-test\",\"platform\":\"linux/amd64\"}";

    private final Storage storage;

    Routes(Storage storage) {
        this.storage = storage;
    }

    /** @return the answer to {@code /version} or to a discovery path; {@code null} for any other path */
    MockResponse fixed(String path) {
        if (path.equals("/version")) {
            return Status.json(200, VERSION);
        }
        return discovery(path);
    }

    /** {@code /api/v1} and {@code /apis/<group>/<version>}: the resources served there, for clients that discover plurals. */
    private MockResponse discovery(String path) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        String group;
        String version;
        if (p.length == 2 && p[0].equals("api")) {
            group = "";
            version = p[1];
        } else if (p.length == 3 && p[0].equals("apis")) {
            group = p[1];
            version = p[2];
        } else {
            return null;
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : storage.types()) {
            if (type.group().equals(group) && type.versions().contains(version)) {
                ObjectNode r = resources.addObject();
                r.put("name", type.plural());
                r.put("singularName", type.kind().toLowerCase(java.util.Locale.ROOT));
                r.put("namespaced", type.namespaced());
                r.put("kind", type.kind());
                ArrayNode verbs = r.putArray("verbs");
                List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
                if (type.statusSubresource()) {
                    ObjectNode s = resources.addObject();
                    s.put("name", type.plural() + "/status");
                    s.put("singularName", "");
                    s.put("namespaced", type.namespaced());
                    s.put("kind", type.kind());
                    ArrayNode sv = s.putArray("verbs");
                    List.of("get", "patch", "update").forEach(sv::add);
                }
            }
        }
        return resources.isEmpty() ? null : Status.json(200, Json.write(list));
    }

    /** Parses {@code /api/v1/...} and {@code /apis/group/version/...}; {@code null} when no known type. */
    Target target(String path) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        String group;
        String version;
        int i;
        if (p.length >= 2 && p[0].equals("api")) {
            group = "";
            version = p[1];
            i = 2;
        } else if (p.length >= 3 && p[0].equals("apis")) {
            group = p[1];
            version = p[2];
            i = 3;
        } else {
            return null;
        }
        String namespace = null;
        if (p.length > i + 2 && p[i].equals("namespaces")) {
            namespace = p[i + 1];
            i += 2;
        }
        if (p.length <= i) {
            return null;
        }
        ResourceType type = storage.type(group, p[i]);
        if (type == null || !type.versions().contains(version) || (namespace != null && !type.namespaced())) {
            return null;
        }
        String name = p.length > i + 1 ? p[i + 1] : null;
        String sub = p.length > i + 2 ? p[i + 2] : null;
        if (p.length > i + 3 || (sub != null && !(sub.equals("status") && type.statusSubresource()))) {
            return null;
        }
        return new Target(type, version, namespace, name, sub);
    }
}

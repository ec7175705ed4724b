package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.KgatewayClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests kube-apiserver refuses, and how it words the refusal: the code, the {@code Status}
 * reason and message each gets from the test server, for requests no well-behaved client sends.
 */
@KgatewayTest
class RequestErrorsTest {

    private static final String JSON = "application/json";

    KgatewayClient kgw;
    KgatewayTestServer server;
    @TestNamespace
    String ns;

    private String collection() {
        return Fixtures.backendsPath(ns);
    }

    private String web() {
        return collection() + "/web";
    }

    private static String backend(String name, String namespace, String resourceVersion) {
        return Fixtures.staticJson("\"name\":\"" + name + "\""
                + (namespace == null ? "" : ",\"namespace\":\"" + namespace + "\"")
                + (resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\""));
    }

    private static void assertStatus(RawHttp.Answer answer, int code, String reason, String message) {
        assertThat(answer.code()).as(answer.body()).isEqualTo(code);
        JsonNode status = answer.json();
        assertThat(status.path("kind").asString()).isEqualTo("Status");
        assertThat(status.path("status").asString()).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).isEqualTo(code);
        assertThat(status.path("reason").asString()).isEqualTo(reason);
        assertThat(status.path("message").asString()).isEqualTo(message);
    }

    private String stored() {
        return kgw.backends().inNamespace(ns).create(Fixtures.staticBackend("web")).getMetadata().getResourceVersion();
    }

    @Test
    void aPathNoApiServesIs404() {
        String message = "the server could not find the requested resource";
        assertStatus(RawHttp.send(server, "GET", "/apis/example.com/v1/namespaces/" + ns + "/widgets", null, null),
                404, "NotFound", message);
        assertStatus(RawHttp.send(server, "DELETE", collection() + "x/y", null, null), 404, "NotFound", message);
    }

    @Test
    void verbsAResourceDoesNotHaveAre405() {
        String message = "the server does not allow this method on the requested resource";
        assertStatus(RawHttp.send(server, "POST", web(), JSON, backend("web", null, null)), 405, "MethodNotAllowed", message);
        assertStatus(RawHttp.send(server, "PUT", collection(), JSON, backend("web", null, null)), 405, "MethodNotAllowed", message);
        assertStatus(RawHttp.send(server, "PATCH", collection(), "application/merge-patch+json", "{}"), 405, "MethodNotAllowed", message);
    }

    @Test
    void aBodyThatIsNotJsonOrNotAnObjectIs400() {
        RawHttp.Answer garbage = RawHttp.send(server, "POST", collection(), JSON, "{not json");
        RawHttp.Answer array = RawHttp.send(server, "POST", collection(), JSON, "[1]");

        assertThat(garbage.code()).isEqualTo(400);
        assertThat(garbage.json().path("message").asString()).startsWith("the body of the request could not be decoded: ");
        assertStatus(array, 400, "BadRequest", "the body of the request must be an object");
    }

    @Test
    void anUpdateNamingAnotherObjectIs400() {
        String rv = stored();

        assertStatus(RawHttp.send(server, "PUT", web(), JSON, backend("api", null, rv)), 400, "BadRequest",
                "the name of the object (api) does not match the name on the URL (web)");
    }

    @Test
    void anObjectInAnotherNamespaceThanThePathIs400() {
        assertStatus(RawHttp.send(server, "POST", collection(), JSON, backend("web", "elsewhere", null)), 400, "BadRequest",
                "the namespace of the provided object does not match the namespace sent on the request");
    }

    @Test
    void anApplyNamingAnotherObjectIs400() {
        assertStatus(RawHttp.send(server, "PATCH", web() + "?fieldManager=ci", "application/apply-patch+yaml", backend("api", null, null)),
                400, "BadRequest", "the name of the object (api) does not match the name on the URL (web)");
    }

    @Test
    void malformedPatchesAre400Or422AndChangeNothing() {
        String rv = stored();

        RawHttp.Answer undecodable = RawHttp.send(server, "PATCH", web(), "application/merge-patch+json", "{oops");
        RawHttp.Answer notAnObject = RawHttp.send(server, "PATCH", web(), "application/merge-patch+json", "[1]");
        RawHttp.Answer failedTest = RawHttp.send(server, "PATCH", web(), "application/json-patch+json",
                "[{\"op\":\"remove\",\"path\":\"/spec/missing\"}]");
        RawHttp.Answer unknownType = RawHttp.send(server, "PATCH", web(), "text/plain", "x");

        assertThat(undecodable.code()).isEqualTo(400);
        assertThat(undecodable.json().path("message").asString()).startsWith("error decoding patch: ");
        assertStatus(notAnObject, 400, "BadRequest", "the patch did not produce an object");
        assertThat(failedTest.code()).isEqualTo(422);
        assertThat(failedTest.json().path("message").asString()).startsWith("the server rejected our request due to an error in our request: ");
        assertThat(unknownType.code()).isEqualTo(415);
        assertThat(kgw.backends().inNamespace(ns).require("web").getMetadata().getResourceVersion()).isEqualTo(rv);
    }

    @Test
    void unreadableDeleteOptionsAre400AndDeleteNothing() {
        stored();

        RawHttp.Answer answer = RawHttp.send(server, "DELETE", web(), JSON, "{nope");

        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.json().path("message").asString()).startsWith("invalid DeleteOptions: ");
        assertThat(kgw.backends().inNamespace(ns).get("web")).isPresent();
    }

    @Test
    void badListParametersAre400() {
        assertStatus(RawHttp.send(server, "GET", collection() + "?limit=ten", null, null), 400, "BadRequest", "invalid limit: ten");
        assertThat(RawHttp.send(server, "GET", collection() + "?limit=1&continue=bm90LWpzb24", null, null).json().path("message").asString())
                .startsWith("continue key is not valid: ");
        assertStatus(RawHttp.send(server, "GET", collection() + "?continue=e30", null, null), 400, "BadRequest",
                "continue key is not valid: members missing");
        assertStatus(RawHttp.send(server, "GET", collection() + "?watch=true&resourceVersion=abc", null, null), 400, "BadRequest",
                "invalid resource version: abc");
        assertStatus(RawHttp.send(server, "GET", collection() + "?labelSelector=a%20b", null, null), 400, "BadRequest",
                "unable to parse requirement: invalid label selector: \"a b\"");
    }
}

package dev.kgateway.sdk.spring.boot;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.util.List;

/**
 * fabric8's CRUD dispatcher, with stored CRDs Established, and a closed watch is cleaned up off the mock server's event loop: the
 * stock watch listener waits there for its sender to stop (up to a minute), which stalls every
 * other connection and the server's shutdown when an informer stops.
 */
final class OffLoopCloseDispatcher extends KubernetesCrudDispatcher {

    OffLoopCloseDispatcher() {
        super(List.of());
    }

    /** A stored CRD is reported Established at once, as kube-apiserver does shortly after it is created. */
    @Override
    public MockResponse dispatch(io.fabric8.mockwebserver.http.RecordedRequest request) {
        MockResponse response = super.dispatch(request);
        if (!"GET".equals(request.getMethod()) && String.valueOf(request.getPath()).contains("/customresourcedefinitions")) {
            getMap().replaceAll((attributes, json) -> json.contains("\"CustomResourceDefinition\"") && !json.contains("\"Established\"")
                    ? established(json) : json);
        }
        return response;
    }

    private static String established(String crdJson) {
        io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd = io.fabric8.kubernetes.client.utils.Serialization
                .unmarshal(crdJson, io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class);
        crd.setStatus(new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder()
                .withAcceptedNames(crd.getSpec().getNames())
                .addNewCondition().withType("Established").withStatus("True").withReason("InitialNamesAccepted").endCondition()
                .build());
        return io.fabric8.kubernetes.client.utils.Serialization.asJson(crd);
    }

    @Override
    public MockResponse handleWatch(String path) {
        MockResponse response = super.handleWatch(path);
        WebSocketListener listener = response.getWebSocketListener();
        return listener == null ? response : response.withWebSocketUpgrade(new OffLoopClose(listener));
    }

    private static final class OffLoopClose extends WebSocketListener {
        private final WebSocketListener delegate;

        OffLoopClose(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            delegate.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onPing(WebSocket webSocket, byte[] bytes) {
            delegate.onPing(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            offLoop(() -> delegate.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            offLoop(() -> delegate.onFailure(webSocket, failure, response));
        }

        private static void offLoop(Runnable close) {
            Thread t = new Thread(close, "mock-watch-close");
            t.setDaemon(true);
            t.start();
        }
    }
}

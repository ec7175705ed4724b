package dev.kgateway.sdk.client;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/** A mock-server WebSocket listener that forwards every callback; subclasses change the ones they need. */
public class ForwardingWebSocketListener extends WebSocketListener {

    protected final WebSocketListener delegate;

    public ForwardingWebSocketListener(WebSocketListener delegate) {
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
        delegate.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        delegate.onFailure(webSocket, failure, response);
    }
}

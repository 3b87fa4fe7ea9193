package io.parley.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;

/** A visitor's WebSocket, as the widget opens it: connect, authenticate with the first frame, collect frames. */
public final class VisitorSocketClient implements AutoCloseable {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private VisitorSocketClient(UUID channelId) {
        URI uri = URI.create("ws://localhost:" + RestAssured.port + "/api/inapp/" + channelId + "/ws");
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                frames.add("{\"closed\":" + status + "}");
                return null;
            }
        }).join();
    }

    /** Connects and authenticates; fails unless Parley answers {@code ready}. */
    public static VisitorSocketClient connect(UUID channelId, String token) throws InterruptedException {
        VisitorSocketClient client = new VisitorSocketClient(channelId);
        client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        String first = client.next(Duration.ofSeconds(10));
        if (first == null || !first.contains("\"ready\"")) {
            throw new IllegalStateException("Visitor socket not ready: " + first);
        }
        return client;
    }

    /** Opens a socket without authenticating. */
    public static VisitorSocketClient open(UUID channelId) {
        return new VisitorSocketClient(channelId);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next frame, or null after {@code timeout}. */
    public String next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}

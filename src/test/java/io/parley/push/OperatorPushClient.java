package io.parley.push;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.parley.testing.RoutingFixtures;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/** An operator desk's WebSocket: ticket, first-frame authentication, requests, and the events it receives. */
final class OperatorPushClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final List<JsonObject> events = new ArrayList<>();
    private final WebSocket socket;
    private int requests;

    private OperatorPushClient(int port) {
        URI uri = URI.create("ws://localhost:" + port + "/api/operator/ws");
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(new JsonObject(partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                frames.add(new JsonObject().put("type", "closed").put("status", status).put("reason", reason));
                return null;
            }
        }).join();
    }

    /** A ticket for {@code subject}, issued through REST with their bearer token. */
    static String ticket(String subject) {
        return given().header("Authorization", RoutingFixtures.token(subject)).when()
                .post("/api/operator/push/tickets").then().statusCode(200).extract().path("ticket");
    }

    /** Opens a socket and sends the auth frame; the answer ({@code ready}, {@code resync} or a close) is first. */
    static OperatorPushClient open(String ticket, Long after) {
        return open(RestAssured.port, ticket, after);
    }

    static OperatorPushClient open(int port, String ticket, Long after) {
        OperatorPushClient client = new OperatorPushClient(port);
        JsonObject auth = new JsonObject().put("type", "auth").put("ticket", ticket);
        if (after != null) {
            auth.put("after", after);
        }
        client.send(auth);
        return client;
    }

    static OperatorPushClient connect(String subject) throws InterruptedException {
        OperatorPushClient client = open(ticket(subject), null);
        client.expect("ready");
        return client;
    }

    void send(JsonObject frame) {
        socket.sendText(frame.encode(), true).join();
    }

    /** The next control frame of {@code type} (events that arrive meanwhile are kept); fails after 20 s. */
    JsonObject expect(String type) throws InterruptedException {
        return next(frame -> type.equals(frame.getString("type")), "a '" + type + "' frame");
    }

    /** Sends a request and returns its {@code result} or {@code error}. */
    JsonObject request(JsonObject frame) throws InterruptedException {
        String id = "r" + ++requests;
        send(frame.copy().put("requestId", id));
        return next(f -> id.equals(f.getString("requestId")), "an answer to " + frame.getString("type"));
    }

    /** The first event of {@code type} matching {@code test}, received or still to come. */
    JsonObject event(String type, Predicate<JsonObject> test) throws InterruptedException {
        Predicate<JsonObject> wanted = f -> "event".equals(f.getString("type")) && type.equals(f.getString("event"))
                && test.test(f.getJsonObject("data"));
        for (JsonObject seen : events) {
            if (wanted.test(seen)) {
                return seen;
            }
        }
        return next(wanted, "a '" + type + "' event");
    }

    List<JsonObject> events() {
        return events;
    }

    private JsonObject next(Predicate<JsonObject> wanted, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            JsonObject frame = frames.poll(200, TimeUnit.MILLISECONDS);
            if (frame == null) {
                continue;
            }
            if ("event".equals(frame.getString("type"))) {
                events.add(frame);
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("No " + what + " within 20 s; events: " + events);
    }

    /** Collects frames for {@code time} (events are kept). */
    void drain(Duration time) throws InterruptedException {
        Instant until = Instant.now().plus(time);
        while (Instant.now().isBefore(until)) {
            JsonObject frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && "event".equals(frame.getString("type"))) {
                events.add(frame);
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}

package io.parley.channel.inapp;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.security.PublicEndpoint;
import io.parley.security.SocketAuthDeadline;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * The visitor's live connection. The first frame must be {@code {"type":"auth","token":"<visitor token>"}} (a token
 * never goes into the URL); Parley answers {@code {"type":"ready"}} and then pushes {@code message} and
 * {@code typing} events. {@code {"type":"ping"}} is answered with {@code pong}. Anything else before authentication
 * closes the connection (1008), and so does sending nothing for {@code parley.abuse.socket-auth-timeout}.
 */
@WebSocket(path = "/api/inapp/{channelId}/ws")
@PermitAll
@PublicEndpoint(reason = "browsers cannot send headers on a WebSocket; the visitor authenticates with its signed"
        + " visitor token in the first frame")
class VisitorSocket {

    private static final UserData.TypedKey<String> VISITOR = UserData.TypedKey.forString("parley.visitor");

    private final InAppChannels channels;
    private final VisitorConnections connections;
    private final ObjectMapper json;
    private final SocketAuthDeadline deadline;

    VisitorSocket(InAppChannels channels, VisitorConnections connections, ObjectMapper json,
            SocketAuthDeadline deadline) {
        this.channels = channels;
        this.connections = connections;
        this.json = json;
        this.deadline = deadline;
    }

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        deadline.arm(connection, c -> c.userData().get(VISITOR) != null);
    }

    @OnTextMessage
    Uni<String> onFrame(String frame, WebSocketConnection connection) {
        JsonNode node;
        try {
            node = json.readTree(frame);
        } catch (JsonProcessingException e) {
            return reject(connection, "frames must be JSON");
        }
        String type = node.path("type").asText();
        boolean authenticated = connection.userData().get(VISITOR) != null;
        if ("ping".equals(type) && authenticated) {
            return Uni.createFrom().item("{\"type\":\"pong\"}");
        }
        if (!"auth".equals(type) || authenticated) {
            return authenticated ? Uni.createFrom().nullItem() : reject(connection, "authenticate first");
        }
        UUID channelId = UUID.fromString(connection.pathParam("channelId"));
        return channels.find(channelId).chain(found -> {
            VisitorTokens.Visitor visitor = VisitorTokens.verify(found.config().identitySecret(), channelId,
                    node.path("token").asText(null), Instant.now());
            if (visitor == null) {
                return reject(connection, "invalid visitor token");
            }
            connection.userData().put(VISITOR, visitor.visitorId());
            connections.add(channelId, visitor.visitorId(), connection);
            return Uni.createFrom().item("{\"type\":\"ready\"}");
        }).onFailure().recoverWithUni(e -> reject(connection, "unknown channel"));
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        String visitorId = connection.userData().get(VISITOR);
        if (visitorId != null) {
            connections.remove(UUID.fromString(connection.pathParam("channelId")), visitorId, connection);
        }
    }

    private static Uni<String> reject(WebSocketConnection connection, String why) {
        return connection.close(new CloseReason(1008, why)).replaceWith((String) null);
    }
}

package io.parley.push;

import jakarta.annotation.security.PermitAll;

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
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The operator push API over WebSocket (protocol: docs/push-api.md, docs/asyncapi.yaml). The first frame must be
 * {@code {"type":"auth","ticket":"…","after":<last seq seen, optional>}} with a ticket from
 * {@code POST /api/operator/push/tickets}; Parley answers {@code ready} (or {@code resync}) and then pushes events.
 * Request frames (accept, decline, reply, typing, transfer, close, status) are answered with {@code result} or
 * {@code error}; {@code ping} with {@code pong}. Anything before authentication closes the connection (1008).
 */
@WebSocket(path = "/api/operator/ws")
@PermitAll
@PublicEndpoint(reason = "browsers cannot send headers on a WebSocket; the operator authenticates with a single-use"
        + " ticket (issued to an operator's bearer token) in the first frame")
class OperatorSocket {

    private static final UserData.TypedKey<PushConnection> CONNECTION = new UserData.TypedKey<>("parley.push");

    private final PushTickets tickets;
    private final PushHub hub;
    private final OperatorEventStore store;
    private final OperatorActions actions;
    private final SocketAuthDeadline deadline;

    OperatorSocket(PushTickets tickets, PushHub hub, OperatorEventStore store, OperatorActions actions,
            SocketAuthDeadline deadline) {
        this.tickets = tickets;
        this.hub = hub;
        this.store = store;
        this.actions = actions;
        this.deadline = deadline;
    }

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        deadline.arm(connection, c -> c.userData().get(CONNECTION) != null);
    }

    @OnTextMessage
    Uni<Void> onFrame(String text, WebSocketConnection connection) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException e) {
            return reject(connection, "frames must be JSON objects");
        }
        PushConnection push = connection.userData().get(CONNECTION);
        if (push == null) {
            return "auth".equals(frame.getString("type")) ? authenticate(frame, connection)
                    : reject(connection, "authenticate first");
        }
        push.heard();
        if ("ping".equals(frame.getString("type"))) {
            return connection.sendText("{\"type\":\"pong\"}");
        }
        return actions.perform(frame, push.identity()).chain(answer -> connection.sendText(answer.encode()));
    }

    private Uni<Void> authenticate(JsonObject frame, WebSocketConnection connection) {
        Long after;
        try {
            after = frame.getLong("after");
        } catch (ClassCastException e) {
            return reject(connection, "after must be a number");
        }
        return tickets.redeem(frame.getString("ticket")).chain(identity -> {
            if (identity == null) {
                return reject(connection, "invalid, used or expired ticket");
            }
            PushConnection push = new PushConnection(identity, new WebSocketSink(connection), store);
            connection.userData().put(CONNECTION, push);
            return hub.open(push, after);
        });
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        PushConnection push = connection.userData().get(CONNECTION);
        if (push != null) {
            hub.close(push);
        }
    }

    private static Uni<Void> reject(WebSocketConnection connection, String why) {
        return connection.close(new CloseReason(1008, why));
    }

    /** Frames out over the WebSocket. */
    private record WebSocketSink(WebSocketConnection connection) implements PushConnection.Sink {

        @Override
        public Uni<Void> event(PushEvent event) {
            return connection.sendText(event.frame());
        }

        @Override
        public Uni<Void> control(JsonObject frame) {
            return connection.sendText(frame.encode());
        }

        @Override
        public Uni<Void> heartbeat() {
            return Uni.createFrom().voidItem();
        }

        @Override
        public void close(String reason) {
            connection.close(new CloseReason(1001, reason)).subscribe().with(ok -> {
            }, failure -> {
            });
        }
    }
}

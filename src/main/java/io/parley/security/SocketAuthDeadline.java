package io.parley.security;

import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Closes a WebSocket that opened but has not authenticated within {@code parley.abuse.socket-auth-timeout}, so that
 * connections that never send their first frame cannot pile up.
 */
@ApplicationScoped
public class SocketAuthDeadline {

    private final Vertx vertx;
    private final AbuseConfig config;

    SocketAuthDeadline(Vertx vertx, AbuseConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Starts the deadline of a connection that has just opened. */
    public void arm(WebSocketConnection connection, Predicate<WebSocketConnection> authenticated) {
        vertx.setTimer(config.socketAuthTimeout().toMillis(), ignored -> {
            if (connection.isOpen() && !authenticated.test(connection)) {
                connection.close(new CloseReason(1008, "authentication timeout")).subscribe().with(done -> {
                }, failure -> {
                });
            }
        });
    }
}

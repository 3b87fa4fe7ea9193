package io.parley.channel.inapp;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.WebSocketConnection;

/** The visitors connected to this instance, by channel and visitor id (a visitor may have several tabs open). */
@ApplicationScoped
class VisitorConnections {

    private final Map<String, Set<WebSocketConnection>> byVisitor = new ConcurrentHashMap<>();

    void add(UUID channelId, String visitorId, WebSocketConnection connection) {
        byVisitor.computeIfAbsent(key(channelId, visitorId), k -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void remove(UUID channelId, String visitorId, WebSocketConnection connection) {
        byVisitor.computeIfPresent(key(channelId, visitorId), (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    Set<WebSocketConnection> of(UUID channelId, String visitorId) {
        return byVisitor.getOrDefault(key(channelId, visitorId), Set.of());
    }

    private static String key(UUID channelId, String visitorId) {
        return channelId + "|" + visitorId;
    }
}

package io.parley.push;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.parley.common.infra.PgListener;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The push connections this instance holds, by operator. The database says when an operator's stream grew
 * ({@code NOTIFY parley_operator_events}, payload = subject), whichever instance appended it; each of that operator's
 * connections here then delivers what it has not sent yet.
 */
@ApplicationScoped
class PushHub {

    private final Map<String, Set<PushConnection>> bySubject = new ConcurrentHashMap<>();
    private final OperatorEventStore store;
    private final PushConfig config;

    PushHub(OperatorEventStore store, PushConfig config) {
        this.store = store;
        this.config = config;
    }

    void listen(@Observes StartupEvent event, PgListener listener) {
        listener.listen("parley_operator_events", this::wake);
    }

    /**
     * Starts a connection: from {@code after} when everything after it is still kept (missed events are replayed),
     * otherwise from now with a {@code resync} frame (the client reloads its state through REST); with no
     * {@code after}, from now with a {@code ready} frame.
     */
    Uni<Void> open(PushConnection connection, Long after) {
        return store.position(connection.subject()).chain(position -> {
            boolean replay = after != null && position.canReplayFrom(after);
            connection.startAfter(replay ? after : position.last());
            bySubject.computeIfAbsent(connection.subject(), s -> ConcurrentHashMap.newKeySet()).add(connection);
            JsonObject frame = new JsonObject().put("type", after == null || replay ? "ready" : "resync")
                    .put("subject", connection.subject()).put("seq", position.last())
                    .put("heartbeatSeconds", config.presenceGrace().toSeconds() / 3);
            return connection.sink().control(frame).invoke(connection::wake);
        });
    }

    void close(PushConnection connection) {
        bySubject.computeIfPresent(connection.subject(), (s, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    void wake(String subject) {
        bySubject.getOrDefault(subject, Set.of()).forEach(PushConnection::wake);
    }

    Set<String> subjects() {
        return Set.copyOf(bySubject.keySet());
    }

    Collection<PushConnection> connections() {
        return bySubject.values().stream().flatMap(Set::stream).toList();
    }
}

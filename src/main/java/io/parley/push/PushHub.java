package io.parley.push;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.common.infra.InstanceIdentity;
import io.parley.common.infra.PgListener;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The push connections this instance holds, by operator. The database says when an operator's stream grew
 * ({@code NOTIFY parley_operator_events}, payload = subject), whichever instance appended it; each of that operator's
 * connections here then delivers what it has not sent yet.
 */
@ApplicationScoped
class PushHub {

    private final Map<String, Set<PushConnection>> bySubject = new ConcurrentHashMap<>();
    private final String instance;
    private final OperatorEventStore store;
    private final PushConfig config;
    private final Pool pool;

    PushHub(OperatorEventStore store, PushConfig config, Pool pool, MeterRegistry metrics, InstanceIdentity identity) {
        this.instance = identity.id();
        Gauge.builder("parley.push.connections", bySubject, map -> map.values().stream().mapToInt(Set::size).sum())
                .description("Operator push connections (WebSocket or SSE) this instance holds").register(metrics);
        this.store = store;
        this.config = config;
        this.pool = pool;
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
        return markPresent(new String[] { connection.subject() })
                .chain(() -> store.position(connection.subject())).chain(position -> {
                    boolean replay = after != null && position.canReplayFrom(after);
                    connection.startAfter(replay ? after : position.last());
                    bySubject.computeIfAbsent(connection.subject(), s -> ConcurrentHashMap.newKeySet()).add(connection);
                    JsonObject frame = new JsonObject().put("type", after == null || replay ? "ready" : "resync")
                            .put("subject", connection.subject()).put("seq", position.last())
                            .put("heartbeatSeconds", config.presenceGrace().toSeconds() / 3);
                    return connection.sink().control(frame).invoke(connection::wake);
                });
    }

    /**
     * Marks operators as present on this instance now (at every connection, so that even a short one is followed by
     * the presence check, and on every heartbeat round).
     */
    Uni<Void> markPresent(String[] subjects) {
        return subjects.length == 0 ? Uni.createFrom().voidItem()
                : pool.preparedQuery("INSERT INTO operator_presence (subject, instance, last_seen)"
                        + " SELECT unnest($1::text[]), $2, now()"
                        + " ON CONFLICT (subject, instance) DO UPDATE SET last_seen = now()")
                        .execute(Tuple.of(subjects, instance)).replaceWithVoid();
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

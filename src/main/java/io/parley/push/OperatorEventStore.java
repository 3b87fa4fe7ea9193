package io.parley.push;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Operators' event streams in PostgreSQL: numbered per operator in commit order (the counter row is locked until the
 * appending transaction commits), each source event at most once per operator, kept for {@code parley.push.retention}.
 */
@ApplicationScoped
class OperatorEventStore {

    /** Where a reconnecting client stands. */
    record Position(long last, Long oldest) {

        /** Whether everything after {@code after} is still kept. */
        boolean canReplayFrom(long after) {
            return after <= last && (oldest == null ? after == last : after >= oldest - 1);
        }
    }

    private final Pool pool;
    private final PushConfig config;

    OperatorEventStore(Pool pool, PushConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Appends an event to {@code subject}'s stream inside the caller's transaction. */
    Uni<Void> append(SqlConnection c, String subject, String eventId, String type, JsonObject data) {
        return c.preparedQuery("INSERT INTO operator_event_counters (subject, last_seq) VALUES ($1, 1)"
                + " ON CONFLICT (subject) DO UPDATE SET last_seq = operator_event_counters.last_seq + 1"
                + " RETURNING last_seq").execute(Tuple.of(subject))
                .chain(rows -> c.preparedQuery("INSERT INTO operator_events (subject, seq, event_id, type, payload)"
                        + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject, event_id) DO NOTHING")
                        .execute(Tuple.of(subject, rows.iterator().next().getLong("last_seq"), eventId, type, data)))
                .replaceWithVoid();
    }

    /** Up to {@code limit} events of {@code subject} after {@code after}, oldest first. */
    Uni<List<PushEvent>> after(String subject, long after, int limit) {
        return pool.preparedQuery("SELECT seq, type, at, payload FROM operator_events WHERE subject = $1 AND seq > $2"
                + " ORDER BY seq LIMIT $3").execute(Tuple.of(subject, after, limit))
                .map(rows -> {
                    List<PushEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(new PushEvent(row.getLong("seq"), row.getString("type"),
                            row.getOffsetDateTime("at"), (JsonObject) row.getValue("payload"))));
                    return events;
                });
    }

    Uni<Position> position(String subject) {
        return pool.preparedQuery("SELECT (SELECT last_seq FROM operator_event_counters WHERE subject = $1) AS last,"
                + " (SELECT min(seq) FROM operator_events WHERE subject = $1) AS oldest").execute(Tuple.of(subject))
                .map(rows -> {
                    var row = rows.iterator().next();
                    Long last = row.getLong("last");
                    return new Position(last == null ? 0 : last, row.getLong("oldest"));
                });
    }

    @Scheduled(every = "10m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return pool.preparedQuery("DELETE FROM operator_events WHERE at < $1").execute(Tuple.of(before))
                .replaceWithVoid();
    }
}

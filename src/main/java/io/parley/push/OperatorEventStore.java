package io.parley.push;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

    /** An event for one operator's stream: from source event {@code eventId}, of push {@code type}. */
    record Appended(String subject, String eventId, String type, JsonObject payload) {
    }

    /**
     * Appends events to their operators' streams inside the caller's transaction, numbered per operator in the given
     * order, with one statement for the whole batch. An event already in a stream (a redelivered source event) is not
     * appended again; its number stays unused.
     */
    Uni<Void> appendAll(SqlConnection c, List<Appended> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                WITH input AS (
                    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
                        AS u(subject, event_id, type, payload, n)),
                counts AS (SELECT subject, count(*) AS added FROM input GROUP BY subject),
                bumped AS (
                    INSERT INTO operator_event_counters (subject, last_seq)
                    SELECT subject, added FROM counts ORDER BY subject
                    ON CONFLICT (subject) DO UPDATE SET last_seq = operator_event_counters.last_seq + EXCLUDED.last_seq
                    RETURNING subject, last_seq)
                INSERT INTO operator_events (subject, seq, event_id, type, payload)
                SELECT i.subject, b.last_seq - c.added + row_number() OVER (PARTITION BY i.subject ORDER BY i.n),
                       i.event_id, i.type, i.payload::jsonb
                FROM input i JOIN bumped b ON b.subject = i.subject JOIN counts c ON c.subject = i.subject
                ON CONFLICT (subject, event_id) DO NOTHING""")
                .execute(Tuple.of(column(events, Appended::subject), column(events, Appended::eventId),
                        column(events, Appended::type), column(events, e -> e.payload().encode())))
                .replaceWithVoid();
    }

    private static String[] column(List<Appended> events, Function<Appended, String> value) {
        return events.stream().map(value).toArray(String[]::new);
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

package io.parley.reports;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.parley.events.EventPublisher.Pending;
import io.parley.routing.assignment.RoutingEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The routing loop's batches (many conversations queued or offered in one transaction) recorded with one statement
 * per kind of fact instead of one per event; the same facts as {@link FactRecorder} writes one at a time.
 */
final class BatchFacts {

    private static final String QUEUED = "UPDATE conversation_facts f SET queued_at = coalesce(f.queued_at, $2),"
            + " queue = coalesce(f.queue, u.q), last_queue = u.q, sla_target_seconds = CASE WHEN f.queued_at IS NULL"
            + " THEN (SELECT sla_first_response_seconds FROM queues WHERE id = u.q) ELSE f.sla_target_seconds END,"
            + " category = coalesce((SELECT category FROM session_classifications c WHERE c.session_id = f.session_id),"
            + " f.category), changed_at = now() FROM unnest($1::uuid[], $3::text[]) AS u(s, q) WHERE f.session_id = u.s";

    private static final String ESCALATED = "UPDATE conversation_facts f SET last_queue = u.q, changed_at = now()"
            + " FROM unnest($1::uuid[], $3::text[]) AS u(s, q) WHERE f.session_id = u.s AND $2::timestamptz IS NOT NULL";

    private static final String OFFERED = "UPDATE conversation_facts f SET first_offered_at ="
            + " coalesce(f.first_offered_at, $2), offers = f.offers + 1, changed_at = now()"
            + " FROM unnest($1::uuid[]) AS u(s) WHERE f.session_id = u.s";

    private static final String MADE = "INSERT INTO report_offers_hourly AS r (bucket, operator, queue, made)"
            + " SELECT $1, o, q, count(*) FROM unnest($2::text[], $3::text[]) AS u(o, q) GROUP BY o, q ORDER BY o, q"
            + " ON CONFLICT (bucket, operator, queue) DO UPDATE SET made = r.made + EXCLUDED.made";

    /** Whether the events are all of one kind this class batches. */
    static boolean batchable(List<Pending> events) {
        return events.size() > 1
                && events.stream().allMatch(e -> e.data() instanceof RoutingEvents.Data && isBatchType(e.type()));
    }

    static Uni<Void> record(SqlConnection c, List<Pending> events, OffsetDateTime at) {
        return kind(c, events, RoutingEvents.QUEUED, QUEUED, at)
                .chain(() -> kind(c, events, RoutingEvents.ESCALATED, ESCALATED, at))
                .chain(() -> offered(c, events, at));
    }

    private static boolean isBatchType(String type) {
        return RoutingEvents.QUEUED.equals(type) || RoutingEvents.ESCALATED.equals(type)
                || RoutingEvents.OFFERED.equals(type);
    }

    private static Uni<Void> kind(SqlConnection c, List<Pending> events, String type, String sql, OffsetDateTime at) {
        List<RoutingEvents.Data> data = of(events, type);
        return data.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery(sql).execute(Tuple.of(sessions(data), at,
                        data.stream().map(RoutingEvents.Data::queue).toArray(String[]::new))).replaceWithVoid();
    }

    private static Uni<Void> offered(SqlConnection c, List<Pending> events, OffsetDateTime at) {
        List<RoutingEvents.Data> data = of(events, RoutingEvents.OFFERED);
        return data.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery(OFFERED).execute(Tuple.of(sessions(data), at))
                        .chain(() -> c.preparedQuery(MADE).execute(Tuple.of(at.truncatedTo(ChronoUnit.HOURS),
                                data.stream().map(RoutingEvents.Data::operator).toArray(String[]::new),
                                data.stream().map(RoutingEvents.Data::queue).toArray(String[]::new))))
                        .replaceWithVoid();
    }

    private static List<RoutingEvents.Data> of(List<Pending> events, String type) {
        return events.stream().filter(e -> type.equals(e.type())).map(e -> (RoutingEvents.Data) e.data()).toList();
    }

    private static UUID[] sessions(List<RoutingEvents.Data> data) {
        return data.stream().map(d -> UUID.fromString(d.sessionId())).toArray(UUID[]::new);
    }

    private BatchFacts() {
    }
}

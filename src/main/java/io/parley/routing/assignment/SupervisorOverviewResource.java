package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * The supervisor's live picture: every queue with how many conversations wait in it and since when the oldest waits,
 * and every operator with status and load (pending offers and assigned conversations).
 */
@Path("/api/supervisor/overview")
@RolesAllowed(Roles.SUPERVISOR)
class SupervisorOverviewResource {

    /** A queue: conversations waiting, offered and assigned in it, and when the longest-waiting one entered it. */
    record QueueLoad(String id, String name, long waiting, long offered, long assigned, OffsetDateTime oldestWaitingSince) {
    }

    /**
     * An operator: status since when, offers pending, conversations held, their overall limit, their groups (teams),
     * conversations held or offered per channel kind against their capacity per kind, and offers they let expire in
     * the last 24 hours.
     */
    record OperatorLoad(String subject, String displayName, String status, OffsetDateTime statusSince, long offered,
            long assigned, int maxConcurrent, List<String> groups, Map<String, Object> capacity,
            Map<String, Object> loadByKind, long missedOffers) {
    }

    /** The overview at {@code at}. */
    record Overview(OffsetDateTime at, List<QueueLoad> queues, List<OperatorLoad> operators) {
    }

    private static final String QUEUES = "SELECT q.id, q.name,"
            + " count(t.session_id) FILTER (WHERE t.state = 'WAITING') AS waiting,"
            + " count(t.session_id) FILTER (WHERE t.state = 'OFFERED') AS offered,"
            + " count(t.session_id) FILTER (WHERE t.state = 'ASSIGNED') AS assigned,"
            + " min(t.entered_at) FILTER (WHERE t.state = 'WAITING') AS oldest"
            + " FROM queues q LEFT JOIN routing_tasks t ON t.queue = q.id AND t.state <> 'DONE'"
            + " GROUP BY q.id, q.name ORDER BY q.id";

    private static final String OPERATORS = """
            SELECT o.subject, o.display_name, o.status, o.status_since, o.max_concurrent, o.groups, o.capacity,
                   count(t.session_id) FILTER (WHERE t.state = 'OFFERED') AS offered,
                   count(t.session_id) FILTER (WHERE t.state = 'ASSIGNED') AS assigned,
                   (SELECT coalesce(jsonb_object_agg(kind, n), '{}'::jsonb) FROM (SELECT k.channel_kind AS kind,
                           count(*) AS n FROM routing_tasks k WHERE k.assignee = o.subject
                           AND k.state IN ('OFFERED', 'ASSIGNED') GROUP BY k.channel_kind) per_kind) AS by_kind,
                   (SELECT count(*) FROM offers f WHERE f.operator = o.subject AND f.state = 'EXPIRED'
                           AND f.decided_at > now() - interval '24 hours') AS missed
              FROM operators o LEFT JOIN routing_tasks t ON t.assignee = o.subject AND t.state IN ('OFFERED', 'ASSIGNED')
             GROUP BY o.subject ORDER BY o.subject""";

    private final Pool pool;

    SupervisorOverviewResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public Uni<Overview> overview() {
        return pool.query(QUEUES).execute().map(SupervisorOverviewResource::queues)
                .chain(queues -> pool.query(OPERATORS).execute()
                        .map(rows -> new Overview(OffsetDateTime.now(), queues, operators(rows))));
    }

    private static List<QueueLoad> queues(RowSet<Row> rows) {
        List<QueueLoad> queues = new ArrayList<>();
        for (Row r : rows) {
            queues.add(new QueueLoad(r.getString("id"), r.getString("name"), r.getLong("waiting"), r.getLong("offered"),
                    r.getLong("assigned"), r.getOffsetDateTime("oldest")));
        }
        return queues;
    }

    private static List<OperatorLoad> operators(RowSet<Row> rows) {
        List<OperatorLoad> operators = new ArrayList<>();
        for (Row r : rows) {
            operators.add(new OperatorLoad(r.getString("subject"), r.getString("display_name"), r.getString("status"),
                    r.getOffsetDateTime("status_since"), r.getLong("offered"), r.getLong("assigned"),
                    r.getInteger("max_concurrent"), List.of(r.getArrayOfStrings("groups")),
                    ((JsonObject) r.getValue("capacity")).getMap(), ((JsonObject) r.getValue("by_kind")).getMap(),
                    r.getLong("missed")));
        }
        return operators;
    }
}

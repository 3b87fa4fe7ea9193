package io.parley.routing.assignment;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Where a conversation can be transferred now: colleagues who are AVAILABLE with room under their limit (least loaded
 * first) and every queue with its waiting count. The desk's transfer picker lists them instead of free text.
 */
@Path("/api/transfer-targets")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class TransferTargetsResource {

    /** A colleague with room: conversations held and offered against their limit. */
    record Colleague(String subject, String displayName, long load, int maxConcurrent) {
    }

    /** A queue and how many conversations wait in it. */
    record Queue(String id, String name, long waiting) {
    }

    /** The choices. */
    record Targets(List<Colleague> operators, List<Queue> queues) {
    }

    private static final String OPERATORS = """
            SELECT o.subject, o.display_name, o.max_concurrent, count(t.session_id) AS load
              FROM operators o LEFT JOIN routing_tasks t ON t.assignee = o.subject AND t.state IN ('OFFERED', 'ASSIGNED')
             WHERE o.status = 'AVAILABLE' AND o.subject <> $1
             GROUP BY o.subject HAVING count(t.session_id) < o.max_concurrent
             ORDER BY count(t.session_id), o.subject""";

    private static final String QUEUES = """
            SELECT q.id, q.name, count(t.session_id) AS waiting
              FROM queues q LEFT JOIN routing_tasks t ON t.queue = q.id AND t.state = 'WAITING'
             GROUP BY q.id, q.name ORDER BY q.name""";

    private final Pool pool;
    private final SecurityIdentity identity;

    TransferTargetsResource(Pool pool, SecurityIdentity identity) {
        this.pool = pool;
        this.identity = identity;
    }

    @GET
    public Uni<Targets> targets() {
        return pool.preparedQuery(OPERATORS).execute(Tuple.of(identity.getPrincipal().getName())).chain(operators -> pool
                .query(QUEUES).execute().map(queues -> {
                    List<Colleague> colleagues = new ArrayList<>();
                    for (Row r : operators) {
                        colleagues.add(new Colleague(r.getString("subject"), r.getString("display_name"),
                                r.getLong("load"), r.getInteger("max_concurrent")));
                    }
                    List<Queue> waiting = new ArrayList<>();
                    for (Row r : queues) {
                        waiting.add(new Queue(r.getString("id"), r.getString("name"), r.getLong("waiting")));
                    }
                    return new Targets(colleagues, waiting);
                }));
    }
}

package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every conversation routing is working on (waiting, offered or assigned), for the supervisor's live view: SLA breached
 * first, then at risk, then by the first-response due time and the longest wait. At most 500.
 */
@Path("/api/supervisor/conversations")
@RolesAllowed(Roles.SUPERVISOR)
class SupervisorConversationsResource {

    /** A conversation in routing. */
    record Live(UUID sessionId, UUID customerId, String customerName, String queue, String state, String assignee,
            OffsetDateTime enteredAt, OffsetDateTime firstResponseDue, boolean slaWarned, boolean slaBreached) {
    }

    private static final String LIVE = """
            SELECT t.session_id, s.customer_id, c.display_name, t.queue, t.state, t.assignee, t.entered_at,
                   t.first_response_due, t.sla_warned, t.sla_breached
              FROM routing_tasks t JOIN sessions s ON s.id = t.session_id JOIN customers c ON c.id = s.customer_id
             WHERE t.state <> 'DONE' AND s.state = 'OPEN' AND (cast($1 AS text) IS NULL OR t.queue = $1)
             ORDER BY t.sla_breached DESC, t.sla_warned DESC, t.first_response_due NULLS LAST, t.entered_at
             LIMIT 500""";

    private final Pool pool;

    SupervisorConversationsResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public Uni<List<Live>> live(@QueryParam("queue") @Size(max = 40) String queue) {
        return pool.preparedQuery(LIVE).execute(Tuple.of(queue)).map(rows -> {
            List<Live> live = new ArrayList<>();
            for (Row r : rows) {
                live.add(new Live(r.getUUID("session_id"), r.getUUID("customer_id"), r.getString("display_name"),
                        r.getString("queue"), r.getString("state"), r.getString("assignee"),
                        r.getOffsetDateTime("entered_at"), r.getOffsetDateTime("first_response_due"),
                        r.getBoolean("sla_warned"), r.getBoolean("sla_breached")));
            }
            return live;
        });
    }
}

package io.parley.routing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.routing.core.OperatorSnapshot;
import io.parley.routing.core.QueueSnapshot;
import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.queue.QueueEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Reads queues and operators into the snapshots the routing core decides on. An operator's load is what they hold:
 * pending offers and assigned conversations, by channel kind.
 */
@ApplicationScoped
public class RoutingSnapshots {

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {
    };

    private static final String OPERATORS = """
            SELECT o.subject, o.status, o.skills, o.languages, o.groups, o.capacity::text AS capacity,
                   o.max_concurrent, GREATEST(o.status_since, r.idle_since, r.last_offered_at) AS idle_since, r.last_offered_at,
                   COALESCE((SELECT json_object_agg(t.channel_kind, t.n)::text
                             FROM (SELECT channel_kind, count(*) AS n FROM routing_tasks
                                   WHERE assignee = o.subject AND state IN ('OFFERED', 'ASSIGNED')
                                   GROUP BY channel_kind) t), '{}') AS load
            FROM operators o LEFT JOIN operator_routing r ON r.subject = o.subject
            ORDER BY o.subject""";

    private final ObjectMapper json;

    RoutingSnapshots(ObjectMapper json) {
        this.json = json;
    }

    /** Every queue with its parsed target expression and whether it is open at {@code now}. */
    public Uni<Map<String, QueueSnapshot>> queues(Instant now) {
        return Panache.withSession(() -> QueueEntity.<QueueEntity> listAll()).map(queues -> {
            Map<String, QueueSnapshot> snapshots = new HashMap<>();
            for (QueueEntity q : queues) {
                boolean open = q.businessHours == null || q.businessHours.isOpen(now);
                snapshots.put(q.id, new QueueSnapshot(q.id, ExpressionParser.parse(q.targetExpression), q.strategy,
                        q.offerTimeoutSeconds, q.autoAccept, open, 0, 0, q.maxWaitSeconds,
                        q.slaFirstResponseSeconds == null && q.slaResolutionSeconds == null ? null
                                : new QueueSnapshot.Sla(q.slaFirstResponseSeconds, q.slaResolutionSeconds,
                                        q.businessHours),
                        q.outOfHoursReply == null && q.positionReply == null ? null
                                : new QueueSnapshot.Replies(q.outOfHoursReply, q.positionReply)));
            }
            return snapshots;
        });
    }

    /**
     * Every operator with what they hold now, read through {@code client} (a pool, or a transaction's connection).
     * Capacities and loads repeat across a team, so each distinct one is parsed once per read.
     */
    public Uni<List<OperatorSnapshot>> operators(SqlClient client) {
        return client.preparedQuery(OPERATORS).execute().map(rows -> {
            List<OperatorSnapshot> operators = new ArrayList<>();
            Map<String, Map<String, Integer>> parsed = new HashMap<>();
            for (Row row : rows) {
                operators.add(new OperatorSnapshot(row.getString("subject"), row.getString("status"),
                        strings(row, "skills"), strings(row, "languages"), strings(row, "groups"),
                        parsed.computeIfAbsent(row.getString("capacity"), this::counts),
                        row.getInteger("max_concurrent"), parsed.computeIfAbsent(row.getString("load"), this::counts),
                        instant(row.getOffsetDateTime("idle_since")),
                        instant(row.getOffsetDateTime("last_offered_at"))));
            }
            return operators;
        });
    }

    private Map<String, Integer> counts(String text) {
        try {
            return Map.copyOf(json.readValue(text, COUNTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable operator capacity or load", e);
        }
    }

    private static List<String> strings(Row row, String column) {
        String[] values = row.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

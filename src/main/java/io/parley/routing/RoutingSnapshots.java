package io.parley.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.operator.OperatorEntity;
import io.parley.routing.core.OperatorSnapshot;
import io.parley.routing.core.QueueSnapshot;
import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.queue.QueueEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reads the current queues and operators into the snapshots the routing core decides on. An operator's load is the
 * open sessions assigned to them, by channel kind; nothing waits in a queue until assignment exists.
 */
@ApplicationScoped
class RoutingSnapshots {

    /** Queues and operators at one moment. */
    record Snapshot(Map<String, QueueSnapshot> queues, List<OperatorSnapshot> operators) {
    }

    /** The capacity kind of a channel type: email is {@code email}, everything else {@code chat}. */
    static String kindOf(String channelType) {
        return "email".equals(channelType) ? "email" : "chat";
    }

    Uni<Snapshot> current(Instant now) {
        return Panache.withSession(() -> QueueEntity.<QueueEntity> listAll()
                .chain(queues -> OperatorEntity.<OperatorEntity> listAll()
                        .chain(operators -> loads().map(loads -> new Snapshot(
                                queueSnapshots(queues, now),
                                operators.stream().map(o -> snapshot(o, loads.getOrDefault(o.subject, Map.of())))
                                        .toList())))));
    }

    private static Map<String, QueueSnapshot> queueSnapshots(List<QueueEntity> queues, Instant now) {
        Map<String, QueueSnapshot> snapshots = new HashMap<>();
        for (QueueEntity q : queues) {
            boolean open = q.businessHours == null || q.businessHours.isOpen(now);
            snapshots.put(q.id, new QueueSnapshot(q.id, ExpressionParser.parse(q.targetExpression), q.strategy,
                    q.offerTimeoutSeconds, open, 0, 0));
        }
        return snapshots;
    }

    private static OperatorSnapshot snapshot(OperatorEntity o, Map<String, Integer> load) {
        Instant idleSince = o.statusSince == null ? null : o.statusSince.toInstant();
        return new OperatorSnapshot(o.subject, o.status.name(), orEmpty(o.skills), orEmpty(o.languages),
                orEmpty(o.groups), o.capacity == null ? Map.of() : o.capacity, o.maxConcurrent, load, idleSince, null);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** Open assigned sessions per operator and channel kind. */
    private static Uni<Map<String, Map<String, Integer>>> loads() {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "SELECT s.assignee, c.type, count(*) FROM sessions s JOIN channels c ON c.id = s.last_channel_id"
                        + " WHERE s.state = 'OPEN' AND s.assignee IS NOT NULL GROUP BY s.assignee, c.type",
                Object[].class).getResultList())
                .map(rows -> {
                    Map<String, Map<String, Integer>> loads = new HashMap<>();
                    for (Object[] row : rows) {
                        loads.computeIfAbsent((String) row[0], k -> new HashMap<>())
                                .merge(kindOf((String) row[1]), ((Number) row[2]).intValue(), Integer::sum);
                    }
                    return loads;
                });
    }
}

package io.parley.routing.assignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.parley.operator.OperatorStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The batch form of {@link Offers#room}: locks the rows of every operator a batch plans offers to (in subject order, so
 * concurrent batches cannot deadlock on them), re-counts what they hold, and keeps only the planned offers that still
 * fit, in the batch's order. Serialised per operator across instances like every other offer and transfer.
 */
final class CapacityCheck {

    private CapacityCheck() {
    }

    static Uni<List<Plan>> confirm(SqlConnection c, List<Plan> plans, List<UUID> batch) {
        String[] winners = plans.stream().filter(Plan::offer).map(p -> p.decision().winner())
                .collect(Collectors.toCollection(TreeSet::new)).toArray(String[]::new);
        if (winners.length == 0) {
            return Uni.createFrom().item(plans);
        }
        return c.preparedQuery("SELECT subject, status, capacity, max_concurrent FROM operators"
                + " WHERE subject = ANY($1) ORDER BY subject FOR UPDATE").execute(Tuple.of(winners))
                .chain(operators -> c.preparedQuery("SELECT assignee, channel_kind, count(*) AS held"
                        + " FROM routing_tasks WHERE assignee = ANY($1) AND state IN ('OFFERED', 'ASSIGNED')"
                        + " AND NOT (session_id = ANY($2)) GROUP BY assignee, channel_kind")
                        .execute(Tuple.of(winners, batch.toArray(UUID[]::new)))
                        .map(held -> keepThoseThatFit(plans, rooms(operators, held))));
    }

    private static Map<String, Room> rooms(Iterable<Row> operators, Iterable<Row> held) {
        Map<String, Room> rooms = new HashMap<>();
        for (Row o : operators) {
            boolean available = OperatorStatus.AVAILABLE.name().equals(o.getString("status"));
            rooms.put(o.getString("subject"), new Room(available, (JsonObject) o.getValue("capacity"),
                    o.getInteger("max_concurrent")));
        }
        for (Row h : held) {
            Room room = rooms.get(h.getString("assignee"));
            room.take(h.getString("channel_kind"), h.getLong("held").intValue());
        }
        return rooms;
    }

    private static List<Plan> keepThoseThatFit(List<Plan> plans, Map<String, Room> rooms) {
        List<Plan> kept = new ArrayList<>(plans.size());
        for (Plan plan : plans) {
            if (!plan.offer()) {
                kept.add(plan);
                continue;
            }
            Room room = rooms.get(plan.decision().winner());
            String kind = plan.task().channelKind();
            if (room != null && room.fits(kind)) {
                room.take(kind, 1);
                kept.add(plan);
            } else {
                kept.add(plan.withoutOffer());
            }
        }
        return kept;
    }

    /** One locked operator's capacity and what they hold. */
    private static final class Room {

        private final boolean available;
        private final JsonObject capacity;
        private final int maxConcurrent;
        private final Map<String, Integer> held = new HashMap<>();
        private int total;

        Room(boolean available, JsonObject capacity, int maxConcurrent) {
            this.available = available;
            this.capacity = capacity;
            this.maxConcurrent = maxConcurrent;
        }

        void take(String kind, int count) {
            held.merge(kind, count, Integer::sum);
            total += count;
        }

        boolean fits(String kind) {
            Integer limit = capacity == null ? null : capacity.getInteger(kind);
            return available && limit != null && held.getOrDefault(kind, 0) < limit && total < maxConcurrent;
        }
    }
}

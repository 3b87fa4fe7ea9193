package io.parley.push;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.operator.StatusChanged;
import io.parley.routing.assignment.RoutingEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which operator receives what for each CloudEvent type, and what the push event carries (see docs/push-api.md).
 * Offers are enriched with the conversation summary, customer and recent history, so a desk can show them at once.
 */
@ApplicationScoped
class Projections {

    private static final String PARLEY = "io.parley.";

    private final OperatorEventStore store;
    private final PushConfig config;

    Projections(OperatorEventStore store, PushConfig config) {
        this.store = store;
        this.config = config;
    }

    Uni<Void> project(SqlConnection c, JsonObject event) {
        String type = event.getString("type", "");
        String id = event.getString("id");
        JsonObject data = event.getJsonObject("data", new JsonObject());
        String operator = data.getString("operator");
        return switch (type) {
            case RoutingEvents.OFFERED -> offer(c, data).chain(offer -> store.append(c, operator, id, "offer", offer));
            case RoutingEvents.OFFER_EXPIRED, RoutingEvents.OFFER_DECLINED, RoutingEvents.OFFER_RESCINDED ->
                store.append(c, operator, id, "offer.ended", new JsonObject().put("offerId", data.getString("offerId"))
                        .put("sessionId", data.getString("sessionId"))
                        .put("reason", type.substring(type.lastIndexOf('-') + 1)));
            case RoutingEvents.ASSIGNED -> store.append(c, operator, id, "assigned", session(data)
                    .put("offerId", data.getString("offerId")).put("queue", data.getString("queue")));
            case RoutingEvents.TRANSFERRED -> transferred(c, id, data);
            case StatusChanged.TYPE -> store.append(c, data.getString("subject"), id, "status", data);
            case PARLEY + "message.received" -> toAssignee(c, id, "message", data.getString("sessionId"), data);
            case PARLEY + "message.sent", PARLEY + "message.delivered", PARLEY + "message.failed" -> delivery(c, id,
                    data);
            case PARLEY + "session.closed" -> toAssignee(c, id, "session.closed", data.getString("sessionId"), data)
                    .chain(() -> offersEndedByClosing(c, id, data));
            case PARLEY + "sla.warning", PARLEY + "sla.breached" -> toHolder(c, id, type.substring(PARLEY.length()),
                    data);
            default -> Uni.createFrom().voidItem();
        };
    }

    private static JsonObject session(JsonObject data) {
        return new JsonObject().put("sessionId", data.getString("sessionId"));
    }

    private Uni<JsonObject> offer(SqlConnection c, JsonObject data) {
        UUID session = UUID.fromString(data.getString("sessionId"));
        return c.preparedQuery("""
                SELECT o.created_at, o.expires_at, s.customer_id, s.opened_at, c.display_name, c.language
                FROM offers o JOIN sessions s ON s.id = o.session_id JOIN customers c ON c.id = s.customer_id
                WHERE o.id = $1""").execute(Tuple.of(UUID.fromString(data.getString("offerId"))))
                .chain(rows -> c.preparedQuery("""
                        SELECT id, direction, author, channel_type, text, subject, sent_at FROM messages WHERE session_id = $1
                        ORDER BY sent_at DESC, id DESC LIMIT $2""").execute(Tuple.of(session, config.offerHistory()))
                        .map(history -> offerData(data, rows, history)));
    }

    private static JsonObject offerData(JsonObject data, RowSet<Row> offer, RowSet<Row> history) {
        JsonObject out = session(data).put("offerId", data.getString("offerId")).put("queue", data.getString("queue"));
        if (offer.iterator().hasNext()) {
            Row row = offer.iterator().next();
            out.put("offeredAt", row.getOffsetDateTime("created_at").toString())
                    .put("expiresAt", row.getOffsetDateTime("expires_at").toString())
                    .put("openedAt", row.getOffsetDateTime("opened_at").toString())
                    .put("customer", new JsonObject().put("id", row.getUUID("customer_id").toString())
                            .put("displayName", row.getString("display_name"))
                            .put("language", row.getString("language")));
        }
        JsonArray messages = new JsonArray();
        String channel = null;
        for (Row m : history) {
            channel = channel == null ? m.getString("channel_type") : channel;
            messages.add(0, new JsonObject().put("id", m.getUUID("id").toString())
                    .put("direction", m.getString("direction")).put("author", m.getString("author"))
                    .put("channelType", m.getString("channel_type")).put("text", m.getString("text"))
                    .put("subject", m.getString("subject")).put("sentAt", m.getOffsetDateTime("sent_at").toString()));
        }
        return out.put("channelType", channel).put("history", messages);
    }

    /** The new holder is told it is theirs; the previous one that it went away. */
    private Uni<Void> transferred(SqlConnection c, String id, JsonObject data) {
        String to = data.getString("operator");
        Uni<Void> told = to == null ? Uni.createFrom().voidItem()
                : store.append(c, to, id, "assigned", session(data).put("via", "transfer"));
        return told.chain(() -> c.preparedQuery("SELECT decision ->> 'from' AS previous FROM routing_decisions"
                + " WHERE session_id = $1 AND trigger = 'transfer' ORDER BY at DESC LIMIT 1")
                .execute(Tuple.of(UUID.fromString(data.getString("sessionId")))))
                .chain(rows -> {
                    String previous = rows.iterator().hasNext() ? rows.iterator().next().getString("previous") : null;
                    return previous == null || previous.equals(to) ? Uni.createFrom().voidItem()
                            : store.append(c, previous, id, "session.transferred", session(data)
                                    .put("toOperator", to).put("toQueue", to == null ? data.getString("queue") : null));
                });
    }

    private Uni<Void> toAssignee(SqlConnection c, String id, String type, String sessionId, JsonObject data) {
        return c.preparedQuery("SELECT assignee FROM sessions WHERE id = $1 AND assignee IS NOT NULL")
                .execute(Tuple.of(UUID.fromString(sessionId)))
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : store.append(c, rows.iterator().next().getString("assignee"), id, type, data));
    }

    /** Closing a session withdraws its pending offer: the operator it was offered to is told. */
    private Uni<Void> offersEndedByClosing(SqlConnection c, String id, JsonObject data) {
        return c.preparedQuery("SELECT o.id, o.operator FROM offers o JOIN sessions s ON s.id = o.session_id"
                + " WHERE o.session_id = $1 AND o.state = 'RESCINDED' AND o.decided_at >= s.closed_at")
                .execute(Tuple.of(UUID.fromString(data.getString("sessionId"))))
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        chain = chain.chain(() -> store.append(c, row.getString("operator"), id, "offer.ended",
                                session(data).put("offerId", row.getUUID("id").toString()).put("reason", "rescinded")));
                    }
                    return chain;
                });
    }

    /** SLA warnings go to whoever holds the conversation: its assignee or the operator it is offered to. */
    private Uni<Void> toHolder(SqlConnection c, String id, String type, JsonObject data) {
        return c.preparedQuery("SELECT assignee FROM routing_tasks WHERE session_id = $1"
                + " AND state IN ('OFFERED', 'ASSIGNED')").execute(Tuple.of(UUID.fromString(data.getString("sessionId"))))
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : store.append(c, rows.iterator().next().getString("assignee"), id, type, data));
    }

    /** Delivery statuses go to the operator who wrote the reply. */
    private Uni<Void> delivery(SqlConnection c, String id, JsonObject data) {
        return c.preparedQuery("SELECT m.author FROM messages m JOIN operators o ON o.subject = m.author"
                + " WHERE m.id = $1").execute(Tuple.of(UUID.fromString(data.getString("messageId"))))
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : store.append(c, rows.iterator().next().getString("author"), id, "delivery",
                                new JsonObject().put("messageId", data.getString("messageId"))
                                        .put("sessionId", data.getString("sessionId"))
                                        .put("status", data.getString("status"))
                                        .put("reason", data.getString("reason"))));
    }
}

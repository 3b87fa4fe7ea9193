package io.parley.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.operator.StatusChanged;
import io.parley.push.OperatorEventStore.Appended;
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

    /**
     * Projects a batch of events in their order: resolves who receives what (offers enriched with one query for the
     * whole batch), then appends everything with one statement.
     */
    Uni<Void> project(SqlConnection c, List<JsonObject> events) {
        return offers(c, events).chain(offers -> {
            List<Appended> appended = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (JsonObject event : events) {
                chain = chain.chain(() -> resolve(c, event, offers).invoke(appended::addAll).replaceWithVoid());
            }
            return chain.chain(() -> store.appendAll(c, appended));
        });
    }

    private Uni<List<Appended>> resolve(SqlConnection c, JsonObject event, Map<String, JsonObject> offers) {
        String type = event.getString("type", "");
        String id = event.getString("id");
        JsonObject data = event.getJsonObject("data", new JsonObject());
        String operator = data.getString("operator");
        return switch (type) {
            case RoutingEvents.OFFERED -> one(operator, id, "offer", offers.get(data.getString("offerId")));
            case RoutingEvents.OFFER_EXPIRED, RoutingEvents.OFFER_DECLINED, RoutingEvents.OFFER_RESCINDED ->
                one(operator, id, "offer.ended", new JsonObject().put("offerId", data.getString("offerId"))
                        .put("sessionId", data.getString("sessionId"))
                        .put("reason", type.substring(type.lastIndexOf('-') + 1)));
            case RoutingEvents.ASSIGNED -> one(operator, id, "assigned", session(data)
                    .put("offerId", data.getString("offerId")).put("queue", data.getString("queue")));
            case RoutingEvents.TRANSFERRED -> transferred(c, id, data);
            case StatusChanged.TYPE -> one(data.getString("subject"), id, "status", data);
            case PARLEY + "message.received" -> toAssignee(c, id, "message", data.getString("sessionId"), data);
            case PARLEY + "message.sent", PARLEY + "message.delivered", PARLEY + "message.failed" -> delivery(c, id,
                    data);
            case PARLEY + "session.closed" -> toAssignee(c, id, "session.closed", data.getString("sessionId"), data)
                    .chain(closed -> offersEndedByClosing(c, id, data).map(ended -> both(closed, ended)));
            case PARLEY + "session.consulted" -> one(data.getString("operator"), id, "consult", data);
            case PARLEY + "note.added" -> noteReaders(c, id, data);
            case PARLEY + "sla.warning", PARLEY + "sla.breached" -> toHolder(c, id, type.substring(PARLEY.length()),
                    data);
            default -> Uni.createFrom().item(List.of());
        };
    }

    private static Uni<List<Appended>> one(String subject, String id, String type, JsonObject payload) {
        return Uni.createFrom().item(List.of(new Appended(subject, id, type, payload)));
    }

    private static List<Appended> both(List<Appended> first, List<Appended> second) {
        List<Appended> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static JsonObject session(JsonObject data) {
        return new JsonObject().put("sessionId", data.getString("sessionId"));
    }

    /** What the offers of the batch carry, by offer id: two queries for all of them. */
    private Uni<Map<String, JsonObject>> offers(SqlConnection c, List<JsonObject> events) {
        List<JsonObject> offered = events.stream().filter(e -> RoutingEvents.OFFERED.equals(e.getString("type")))
                .map(e -> e.getJsonObject("data", new JsonObject())).toList();
        if (offered.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        UUID[] offerIds = offered.stream().map(d -> UUID.fromString(d.getString("offerId"))).toArray(UUID[]::new);
        UUID[] sessions = offered.stream().map(d -> UUID.fromString(d.getString("sessionId"))).distinct()
                .toArray(UUID[]::new);
        return c.preparedQuery("""
                SELECT o.id, o.created_at, o.expires_at, s.customer_id, s.opened_at, c.display_name, c.language
                FROM offers o JOIN sessions s ON s.id = o.session_id JOIN customers c ON c.id = s.customer_id
                WHERE o.id = ANY($1)""").execute(Tuple.of(offerIds))
                .chain(rows -> c.preparedQuery("""
                        SELECT s.id AS session_id, m.* FROM unnest($1::uuid[]) AS s(id) CROSS JOIN LATERAL (
                            SELECT id, direction, author, channel_type, text, subject, sent_at FROM messages
                            WHERE session_id = s.id ORDER BY sent_at DESC, seq DESC LIMIT $2) m""")
                        .execute(Tuple.of(sessions, config.offerHistory()))
                        .map(history -> {
                            Map<UUID, Row> byOffer = new HashMap<>();
                            rows.forEach(row -> byOffer.put(row.getUUID("id"), row));
                            Map<UUID, List<Row>> bySession = new HashMap<>();
                            history.forEach(m -> bySession.computeIfAbsent(m.getUUID("session_id"),
                                    k -> new ArrayList<>()).add(m));
                            Map<String, JsonObject> out = new HashMap<>();
                            for (JsonObject d : offered) {
                                JsonObject offer = offerData(d, byOffer.get(UUID.fromString(d.getString("offerId"))));
                                out.put(d.getString("offerId"), withHistory(offer,
                                        bySession.getOrDefault(UUID.fromString(d.getString("sessionId")), List.of())));
                            }
                            return out;
                        }));
    }

    private static JsonObject offerData(JsonObject data, Row row) {
        JsonObject out = session(data).put("offerId", data.getString("offerId")).put("queue", data.getString("queue"));
        if (row != null) {
            out.put("offeredAt", row.getOffsetDateTime("created_at").toString())
                    .put("expiresAt", row.getOffsetDateTime("expires_at").toString())
                    .put("openedAt", row.getOffsetDateTime("opened_at").toString())
                    .put("customer", new JsonObject().put("id", row.getUUID("customer_id").toString())
                            .put("displayName", row.getString("display_name"))
                            .put("language", row.getString("language")));
        }
        return out;
    }

    /** The history newest first as read; the event carries it oldest first. */
    private static JsonObject withHistory(JsonObject offer, List<Row> history) {
        JsonArray messages = new JsonArray();
        String channel = null;
        for (Row m : history) {
            channel = channel == null ? m.getString("channel_type") : channel;
            messages.add(0, new JsonObject().put("id", m.getUUID("id").toString())
                    .put("direction", m.getString("direction")).put("author", m.getString("author"))
                    .put("channelType", m.getString("channel_type")).put("text", m.getString("text"))
                    .put("subject", m.getString("subject")).put("sentAt", m.getOffsetDateTime("sent_at").toString()));
        }
        return offer.put("channelType", channel).put("history", messages);
    }

    /** The new holder is told it is theirs; the previous one that it went away. */
    private Uni<List<Appended>> transferred(SqlConnection c, String id, JsonObject data) {
        String to = data.getString("operator");
        return c.preparedQuery("SELECT decision ->> 'from' AS previous FROM routing_decisions"
                + " WHERE session_id = $1 AND trigger = 'transfer' ORDER BY at DESC LIMIT 1")
                .execute(Tuple.of(UUID.fromString(data.getString("sessionId"))))
                .map(rows -> {
                    List<Appended> told = new ArrayList<>();
                    if (to != null) {
                        told.add(new Appended(to, id, "assigned", session(data).put("via", "transfer")));
                    }
                    String previous = rows.iterator().hasNext() ? rows.iterator().next().getString("previous") : null;
                    if (previous != null && !previous.equals(to)) {
                        told.add(new Appended(previous, id, "session.transferred", session(data)
                                .put("toOperator", to).put("toQueue", to == null ? data.getString("queue") : null)));
                    }
                    return told;
                });
    }

    private Uni<List<Appended>> toAssignee(SqlConnection c, String id, String type, String sessionId, JsonObject data) {
        return c.preparedQuery("SELECT assignee FROM sessions WHERE id = $1 AND assignee IS NOT NULL")
                .execute(Tuple.of(UUID.fromString(sessionId)))
                .map(rows -> toFirst(rows, "assignee", id, type, data));
    }

    /** Closing a session withdraws its pending offer: the operator it was offered to is told. */
    private Uni<List<Appended>> offersEndedByClosing(SqlConnection c, String id, JsonObject data) {
        return c.preparedQuery("SELECT o.id, o.operator FROM offers o JOIN sessions s ON s.id = o.session_id"
                + " WHERE o.session_id = $1 AND o.state = 'RESCINDED' AND o.decided_at >= s.closed_at")
                .execute(Tuple.of(UUID.fromString(data.getString("sessionId"))))
                .map(rows -> {
                    List<Appended> ended = new ArrayList<>();
                    for (Row row : rows) {
                        ended.add(new Appended(row.getString("operator"), id, "offer.ended",
                                session(data).put("offerId", row.getUUID("id").toString()).put("reason", "rescinded")));
                    }
                    return ended;
                });
    }

    /** SLA warnings go to whoever holds the conversation: its assignee or the operator it is offered to. */
    private Uni<List<Appended>> toHolder(SqlConnection c, String id, String type, JsonObject data) {
        return c.preparedQuery("SELECT assignee FROM routing_tasks WHERE session_id = $1"
                + " AND state IN ('OFFERED', 'ASSIGNED')").execute(Tuple.of(UUID.fromString(data.getString("sessionId"))))
                .map(rows -> toFirst(rows, "assignee", id, type, data));
    }

    /** Delivery statuses go to the operator who wrote the reply. */
    private Uni<List<Appended>> delivery(SqlConnection c, String id, JsonObject data) {
        return c.preparedQuery("SELECT m.author FROM messages m JOIN operators o ON o.subject = m.author"
                + " WHERE m.id = $1").execute(Tuple.of(UUID.fromString(data.getString("messageId"))))
                .map(rows -> toFirst(rows, "author", id, "delivery", new JsonObject()
                        .put("messageId", data.getString("messageId")).put("sessionId", data.getString("sessionId"))
                        .put("status", data.getString("status")).put("reason", data.getString("reason"))));
    }

    /** A note goes to the conversation's holder and consulted colleagues, except its author. */
    private Uni<List<Appended>> noteReaders(SqlConnection c, String id, JsonObject data) {
        return c.preparedQuery("SELECT assignee AS subject FROM sessions WHERE id = $1 AND assignee IS NOT NULL"
                + " UNION SELECT operator FROM session_consults WHERE session_id = $1")
                .execute(Tuple.of(UUID.fromString(data.getString("sessionId"))))
                .map(rows -> {
                    List<Appended> told = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getString("subject").equals(data.getString("author"))) {
                            told.add(new Appended(row.getString("subject"), id, "note", data));
                        }
                    }
                    return told;
                });
    }

    /** To the operator named in {@code column} of the first row, if there is one. */
    private static List<Appended> toFirst(RowSet<Row> rows, String column, String id, String type, JsonObject data) {
        return rows.iterator().hasNext() ? List.of(new Appended(rows.iterator().next().getString(column), id, type, data))
                : List.of();
    }
}

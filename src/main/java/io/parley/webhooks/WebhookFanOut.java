package io.parley.webhooks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.common.outbox.RelayObserver;
import io.parley.events.EventsConfig;
import io.parley.routing.expression.Attributes;
import io.parley.routing.expression.Expression;
import io.parley.routing.expression.ExpressionParser;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Queues one delivery per (enabled subscription, matching CloudEvent) in the outbox relay's transaction, so an event
 * reaches the webhook queue exactly when it leaves the outbox for Kafka, in the same order. The event is stored once;
 * deliveries keep the Kafka record key as their ordering key.
 */
@ApplicationScoped
class WebhookFanOut implements RelayObserver {

    private static final Logger LOG = Logger.getLogger(WebhookFanOut.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EventsConfig events;
    private final ObjectMapper json;
    private final Map<String, Optional<Expression>> filters = new ConcurrentHashMap<>();

    WebhookFanOut(EventsConfig events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    private record Target(UUID id, List<String> types, Optional<Expression> filter) {
    }

    @Override
    public Uni<Void> relaying(SqlConnection connection, List<Relayed> records) {
        List<Relayed> cloudEvents = records.stream()
                .filter(r -> r.cloudEvent() && events.topic().equals(r.topic())).toList();
        if (cloudEvents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.query("SELECT id, types, filter FROM webhook_subscriptions WHERE enabled").execute()
                .chain(rows -> {
                    List<Target> targets = new ArrayList<>();
                    for (Row row : rows) {
                        targets.add(new Target(row.getUUID("id"), List.of(row.getArrayOfStrings("types")),
                                filter(row.getString("filter"))));
                    }
                    return targets.isEmpty() ? Uni.createFrom().voidItem()
                            : queue(connection, match(cloudEvents, targets));
                });
    }

    private record Matched(Relayed record, String eventId, String type, List<UUID> subscriptions) {
    }

    private List<Matched> match(List<Relayed> cloudEvents, List<Target> targets) {
        List<Matched> matched = new ArrayList<>();
        for (Relayed record : cloudEvents) {
            Map<String, Object> event = parse(record.payload());
            String type = String.valueOf(event.get("type"));
            Attributes attributes = Attributes.of(event);
            List<UUID> to = targets.stream()
                    .filter(t -> TypePatterns.matches(t.types(), type) && t.filter().map(f -> test(f, attributes))
                            .orElse(true))
                    .map(Target::id).toList();
            if (!to.isEmpty()) {
                matched.add(new Matched(record, String.valueOf(event.get("id")), type, to));
            }
        }
        return matched;
    }

    private Uni<Void> queue(SqlConnection connection, List<Matched> matched) {
        if (matched.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> ids = new ArrayList<>();
        List<UUID> subscriptions = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (Matched m : matched) {
            for (UUID subscription : m.subscriptions()) {
                ids.add(UUID.randomUUID());
                subscriptions.add(subscription);
                eventIds.add(m.eventId());
            }
        }
        return connection.preparedQuery("WITH ev AS (INSERT INTO webhook_events (event_id, type, ordering_key, payload)"
                + " SELECT e, t, k, p::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])"
                + " WITH ORDINALITY AS u(e, t, k, p, n) ORDER BY n RETURNING id, event_id, ordering_key)"
                + " INSERT INTO webhook_deliveries (id, subscription_id, event_id, ordering_key)"
                + " SELECT d.id, d.s, ev.id, ev.ordering_key FROM unnest($5::uuid[], $6::uuid[], $7::text[])"
                + " WITH ORDINALITY AS d(id, s, e, n) JOIN ev ON ev.event_id = d.e ORDER BY d.n")
                .execute(Tuple.from(List.of(
                        matched.stream().map(Matched::eventId).toArray(String[]::new),
                        matched.stream().map(Matched::type).toArray(String[]::new),
                        matched.stream().map(m -> m.record().key()).toArray(String[]::new),
                        matched.stream().map(m -> m.record().payload()).toArray(String[]::new),
                        ids.toArray(UUID[]::new), subscriptions.toArray(UUID[]::new),
                        eventIds.toArray(String[]::new))))
                .replaceWithVoid();
    }

    private Map<String, Object> parse(String payload) {
        try {
            return json.readValue(payload, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("An outbox CloudEvent is not a JSON object", e);
        }
    }

    private Optional<Expression> filter(String text) {
        return text == null ? Optional.empty() : filters.computeIfAbsent(text, t -> Optional.of(ExpressionParser.parse(t)));
    }

    /** A filter that cannot be evaluated on an event (it was valid when stored) does not match it. */
    private static boolean test(Expression filter, Attributes attributes) {
        try {
            return filter.test(attributes);
        } catch (RuntimeException e) {
            LOG.debugf("Webhook filter failed on an event: %s", e.getClass().getSimpleName());
            return false;
        }
    }
}

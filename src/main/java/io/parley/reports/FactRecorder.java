package io.parley.reports;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.conversation.ConversationEvents;
import io.parley.conversation.ConversationEvents.MessageData;
import io.parley.conversation.ConversationEvents.SessionData;
import io.parley.events.EventPublisher.Pending;
import io.parley.events.EventRecorder;
import io.parley.operator.StatusChanged;
import io.parley.routing.assignment.RoutingEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Keeps the reporting facts from the events Parley publishes, in the event's own transaction and timed by Parley's
 * clock: the conversation's milestones ({@code conversation_facts}), offer outcomes per hour, and operators' status and
 * state (status and load) intervals. Operator replies have no event and are recorded by {@link ReplyFacts}.
 */
@ApplicationScoped
class FactRecorder implements EventRecorder {

    static final String SLA_BREACHED = "io.parley.sla.breached";

    private final InstantSource clock;
    private final ReportsConfig config;
    private final ObjectMapper json;

    FactRecorder(InstantSource clock, ReportsConfig config, ObjectMapper json) {
        this.clock = clock;
        this.config = config;
        this.json = json;
    }

    @Override
    public Uni<Void> record(Pending event) {
        return config.recordFacts() ? apply(Sql.session(), event, now()) : Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> record(SqlConnection connection, List<Pending> events) {
        if (!config.recordFacts()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime at = now();
        if (BatchFacts.batchable(events)) {
            return BatchFacts.record(connection, events, at);
        }
        Sql sql = Sql.of(connection);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Pending event : events) {
            chain = chain.chain(() -> apply(sql, event, at));
        }
        return chain;
    }

    private Uni<Void> apply(Sql sql, Pending event, OffsetDateTime at) {
        return switch (event.data()) {
            case SessionData s -> session(sql, event.type(), s, at);
            case MessageData m -> message(sql, event.type(), m);
            case RoutingEvents.Data r -> new RoutingFacts(sql, at).apply(event.type(), r);
            case StatusChanged s -> OperatorState.changed(sql, s.subject(), s.status().name(), at);
            default -> SLA_BREACHED.equals(event.type()) ? sql.update(FactStatements.SLA_BREACHED,
                    UUID.fromString(String.valueOf(json.convertValue(event.data(), Map.class).get("sessionId"))))
                    : Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> session(Sql sql, String type, SessionData s, OffsetDateTime at) {
        return switch (type) {
            case ConversationEvents.SESSION_OPENED -> sql.update(FactStatements.OPENED, s.sessionId(), at,
                    s.customerId(), s.channelId());
            case ConversationEvents.SESSION_REOPENED -> sql.update(FactStatements.REOPENED, s.sessionId());
            case ConversationEvents.SESSION_CLOSED -> sql.text(FactStatements.HANDLER, s.sessionId())
                    .chain(handler -> sql.update(FactStatements.CLOSED, s.sessionId(), at, s.reason(),
                            s.reason() != null && s.reason().startsWith("closed by "),
                            s.wrapUp() == null ? null : s.wrapUp().category(),
                            s.wrapUp() == null ? null : s.wrapUp().resolution())
                            .chain(() -> OperatorState.changed(sql, handler, null, at)));
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> message(Sql sql, String type, MessageData m) {
        return switch (type) {
            case ConversationEvents.MESSAGE_RECEIVED -> sql.update(FactStatements.CUSTOMER_MESSAGE, m.sessionId());
            case ConversationEvents.MESSAGE_FAILED -> sql.update(FactStatements.DELIVERY_FAILED, m.sessionId());
            default -> Uni.createFrom().voidItem();
        };
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The facts of routing events: queue entry, offers and their outcomes, assignment, transfers. */
    private record RoutingFacts(Sql sql, OffsetDateTime at) {

        Uni<Void> apply(String type, RoutingEvents.Data r) {
            UUID session = UUID.fromString(r.sessionId());
            return switch (type) {
                case RoutingEvents.QUEUED -> sql.update(FactStatements.QUEUED, session, at, r.queue());
                case RoutingEvents.ESCALATED -> sql.update(FactStatements.ESCALATED, session, at, r.queue());
                case RoutingEvents.OFFERED -> sql.update(FactStatements.OFFERED, session, at)
                        .chain(() -> outcome("made", r));
                case RoutingEvents.ASSIGNED -> sql.update(FactStatements.ASSIGNED, session, at, r.operator())
                        .chain(() -> outcome("accepted", r))
                        .chain(() -> OperatorState.changed(sql, r.operator(), null, at));
                case RoutingEvents.OFFER_DECLINED -> outcome("declined", r);
                case RoutingEvents.OFFER_EXPIRED -> outcome("expired", r);
                case RoutingEvents.OFFER_RESCINDED -> outcome("rescinded", r);
                case RoutingEvents.TRANSFERRED -> sql.text(FactStatements.HANDLER, session)
                        .chain(previous -> sql.update(FactStatements.TRANSFERRED, session, at, r.operator(), r.queue())
                                .chain(() -> OperatorState.changed(sql, previous, null, at))
                                .chain(() -> OperatorState.changed(sql, r.operator(), null, at)));
                default -> Uni.createFrom().voidItem();
            };
        }

        private Uni<Void> outcome(String column, RoutingEvents.Data r) {
            return sql.update(FactStatements.OFFER_OUTCOME.formatted(column), r.operator(),
                    at.truncatedTo(ChronoUnit.HOURS), r.queue());
        }
    }

    /** An operator's state interval, re-counted from what they hold after the change. */
    private static final class OperatorState {

        /** After a change of {@code status} ({@code null}: unchanged) or possibly of the load. */
        static Uni<Void> changed(Sql sql, String operator, String status, OffsetDateTime at) {
            return operator == null ? Uni.createFrom().voidItem()
                    : sql.update(FactStatements.STATE_ENDED, operator, at, status)
                            .chain(() -> sql.update(FactStatements.STATE_STARTED, operator, at, status));
        }

        private OperatorState() {
        }
    }
}

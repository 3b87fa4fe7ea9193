package io.parley.routing.assignment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.events.EventPublisher;
import io.parley.metrics.ParleyMetrics;
import io.parley.metrics.ParleyMetrics.OfferOutcome;
import io.parley.routing.core.Decision;
import io.parley.routing.core.QueueSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a batch of routing plans inside one transaction, each kind of change for the whole batch in one set-based
 * statement: task positions and holds, queued/escalated events, SLA clocks and auto-replies (only where a queue has
 * them), explanations, then the offers, operator offer times and {@code offered} events.
 */
@ApplicationScoped
class BatchWrites {

    private static final int KEPT_CANDIDATES = 25;

    private final Offers offers;
    private final EventPublisher events;
    private final SlaClock sla;
    private final AutoReplies autoReplies;
    private final AssignmentConfig config;
    private final ObjectMapper json;
    private final ParleyMetrics metrics;

    BatchWrites(Offers offers, EventPublisher events, SlaClock sla, AutoReplies autoReplies, AssignmentConfig config,
            ObjectMapper json, ParleyMetrics metrics) {
        this.offers = offers;
        this.metrics = metrics;
        this.events = events;
        this.sla = sla;
        this.autoReplies = autoReplies;
        this.config = config;
        this.json = json;
    }

    /** Performs the plans; returns how many offers were made. */
    Uni<Integer> apply(SqlConnection c, List<Plan> plans, Map<String, QueueSnapshot> queues, OffsetDateTime now) {
        List<Plan> offered = plans.stream().filter(Plan::offer).toList();
        List<Plan> explained = plans.stream().filter(p -> p.trigger() != null).toList();
        return c.preparedQuery("""
                UPDATE routing_tasks t SET queue = u.queue, step = u.step, step_timeout_at = u.timeout, updated_at = $6,
                    priority = u.priority + CASE WHEN t.sla_breached THEN $7 ELSE 0 END,
                    state = CASE WHEN u.offered_to IS NULL THEN t.state ELSE 'OFFERED' END,
                    assignee = COALESCE(u.offered_to, t.assignee)
                FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::timestamptz[], $8::text[])
                    AS u(session_id, queue, priority, step, timeout, offered_to)
                WHERE t.session_id = u.session_id""")
                .execute(Tuple.from(Arrays.asList(sessions(plans), column(plans, p -> p.decision().queue(), String[]::new),
                        column(plans, p -> p.decision().priority(), Integer[]::new),
                        column(plans, p -> p.decision().step(), Integer[]::new),
                        column(plans, Plan::nextTimeout, OffsetDateTime[]::new), now, config.slaBreachPriorityBoost(),
                        column(plans, p -> p.offer() ? p.decision().winner() : null, String[]::new))))
                .chain(() -> events.publishAll(c, plans.stream().filter(Plan::moved)
                        .map(p -> Offers.event(p.task().queue() == null ? RoutingEvents.QUEUED : RoutingEvents.ESCALATED,
                                p.task().sessionId(), p.decision().queue(), null, null))
                        .toList()))
                .chain(() -> each(plans, p -> queueEffects(c, p, queues.get(p.decision().queue()), now)))
                .chain(() -> explained.isEmpty() ? Uni.createFrom().voidItem()
                        : c.preparedQuery("INSERT INTO routing_decisions (session_id, trigger, decision)"
                                + " SELECT s, t, d::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(s, t, d)")
                                .execute(Tuple.of(sessions(explained), column(explained, Plan::trigger, String[]::new),
                                        column(explained, p -> explanation(p.decision()), String[]::new)))
                                .replaceWithVoid())
                .chain(() -> offer(c, offered, queues, now))
                .replaceWith(offered.size());
    }

    private Uni<Void> queueEffects(SqlConnection c, Plan plan, QueueSnapshot queue, OffsetDateTime now) {
        if (queue == null || !plan.moved()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> started = plan.task().queue() == null && queue.sla() != null
                ? sla.start(c, plan.task().sessionId(), queue.sla(), now)
                : Uni.createFrom().voidItem();
        return started.chain(() -> autoReplies.onEntering(c, plan.task().sessionId(), queue, plan.decision(), now));
    }

    /** Offers, operators' last offer times and {@code offered} events, one statement each. */
    private Uni<Void> offer(SqlConnection c, List<Plan> offered, Map<String, QueueSnapshot> queues,
            OffsetDateTime now) {
        if (offered.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = offered.stream().map(p -> UUID.randomUUID()).toArray(UUID[]::new);
        String[] operators = column(offered, p -> p.decision().winner(), String[]::new);
        List<EventPublisher.Pending> published = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Plan p = offered.get(i);
            published.add(Offers.event(RoutingEvents.OFFERED, p.task().sessionId(), p.decision().queue(), operators[i],
                    ids[i]));
        }
        return c.preparedQuery("""
                INSERT INTO offers (id, session_id, operator, queue, state, created_at, expires_at)
                SELECT id, s, o, q, 'PENDING', $5::timestamptz, $5::timestamptz + make_interval(secs => timeout)
                FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $6::int[]) AS u(id, s, o, q, timeout)""")
                .execute(Tuple.from(Arrays.asList(ids, sessions(offered), operators,
                        column(offered, p -> p.decision().queue(), String[]::new), now,
                        column(offered, p -> queues.get(p.decision().queue()).offerTimeoutSeconds(), Integer[]::new))))
                .chain(() -> c.preparedQuery("INSERT INTO operator_routing (subject, last_offered_at)"
                        + " SELECT s, max(at) FROM unnest($1::text[], $2::timestamptz[]) AS u(s, at) GROUP BY s"
                        + " ON CONFLICT (subject) DO UPDATE SET last_offered_at ="
                        + " GREATEST(operator_routing.last_offered_at, EXCLUDED.last_offered_at)")
                        .execute(Tuple.of(operators, column(offered, Plan::offeredAt, OffsetDateTime[]::new))))
                .chain(() -> events.publishAll(c, published))
                .invoke(() -> offered.forEach(p -> metrics.offers(p.decision().queue(), OfferOutcome.MADE, 1)))
                .chain(() -> {
                    Uni<Void> accepted = Uni.createFrom().voidItem();
                    for (int i = 0; i < ids.length; i++) {
                        Plan p = offered.get(i);
                        UUID offer = ids[i];
                        if (queues.get(p.decision().queue()).autoAccept()) {
                            accepted = accepted.chain(() -> offers.accept(c, offer, p.task().sessionId(),
                                    p.decision().winner(), p.decision().queue(), now));
                        }
                    }
                    return accepted;
                });
    }

    private static UUID[] sessions(List<Plan> plans) {
        return column(plans, p -> p.task().sessionId(), UUID[]::new);
    }

    private static <T> T[] column(List<Plan> plans, Function<Plan, T> value, IntFunction<T[]> array) {
        return plans.stream().map(value).toArray(array);
    }

    private static Uni<Void> each(List<Plan> plans, Function<Plan, Uni<Void>> action) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Plan plan : plans) {
            chain = chain.chain(() -> action.apply(plan));
        }
        return chain;
    }

    /**
     * A decision's explanation, kept readable and small with large teams: the winner, up to {@value #KEPT_CANDIDATES}
     * eligible and {@value #KEPT_CANDIDATES} skipped operators, and how many were skipped for each reason.
     */
    private String explanation(Decision decision) {
        List<Decision.Candidate> eligible = new ArrayList<>();
        List<Decision.Candidate> skipped = new ArrayList<>();
        Map<String, Integer> skippedByReason = new HashMap<>();
        for (Decision.Candidate candidate : decision.candidates()) {
            if (candidate.eligible()) {
                keep(eligible, candidate);
            } else {
                keep(skipped, candidate);
                skippedByReason.merge(candidate.reason(), 1, Integer::sum);
            }
        }
        List<Decision.Candidate> kept = new ArrayList<>(eligible);
        kept.addAll(skipped);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("workflowVersion", decision.workflowVersion());
        stored.put("filter", decision.filter());
        stored.put("step", decision.step());
        stored.put("queue", decision.queue());
        stored.put("priority", decision.priority());
        stored.put("timeoutSeconds", decision.timeoutSeconds());
        stored.put("queueOpen", decision.queueOpen());
        stored.put("candidates", kept);
        stored.put("winner", decision.winner());
        stored.put("notes", decision.notes());
        stored.put("candidatesConsidered", decision.candidates().size());
        stored.put("skippedByReason", skippedByReason);
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Decision is not serializable", e);
        }
    }

    private static void keep(List<Decision.Candidate> kept, Decision.Candidate candidate) {
        if (kept.size() < KEPT_CANDIDATES) {
            kept.add(candidate);
        }
    }
}

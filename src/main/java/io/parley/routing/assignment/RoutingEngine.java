package io.parley.routing.assignment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.common.problem.ProblemException;
import io.parley.events.EventPublisher;
import io.parley.operator.OperatorStatus;
import io.parley.operator.StatusChanged;
import io.parley.routing.RoutingSnapshots;
import io.parley.routing.core.Decision;
import io.parley.routing.core.OperatorSnapshot;
import io.parley.routing.core.QueueSnapshot;
import io.parley.routing.core.RoutingCore;
import io.parley.routing.workflow.CompiledWorkflow;
import io.parley.routing.workflow.WorkflowService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Performs routing decisions: expires overdue offers, then routes waiting conversations (highest priority, longest
 * waiting first), each in its own transaction. Correct across instances because every effect is conditional in the
 * database: a task is routed only by whoever locks it ({@code FOR UPDATE SKIP LOCKED}); an offer is made only after
 * locking the operator's row and recounting what they hold, so capacity is never exceeded; a unique index allows one
 * pending offer per conversation.
 */
@ApplicationScoped
class RoutingEngine {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int KEPT_CANDIDATES = 25;

    private final Pool pool;
    private final WorkflowService workflows;
    private final RoutingSnapshots snapshots;
    private final Offers offers;
    private final EventPublisher events;
    private final ObjectMapper json;
    private final AssignmentConfig config;
    private final SlaClock sla;
    private final AutoReplies autoReplies;

    RoutingEngine(Pool pool, WorkflowService workflows, RoutingSnapshots snapshots, Offers offers,
            EventPublisher events, ObjectMapper json, AssignmentConfig config, SlaClock sla,
            AutoReplies autoReplies) {
        this.sla = sla;
        this.autoReplies = autoReplies;
        this.pool = pool;
        this.workflows = workflows;
        this.snapshots = snapshots;
        this.offers = offers;
        this.events = events;
        this.json = json;
        this.config = config;
    }

    /** One round: expire offers, then route what waits. Returns the number of offers made. */
    Uni<Integer> round() {
        Instant now = Instant.now();
        return expireOffers(now)
                .chain(() -> sla.check(now))
                .chain(() -> workflows.activeCompiled().onFailure(ProblemException.class).recoverWithNull())
                .chain(workflow -> workflow == null ? Uni.createFrom().item(0)
                        : snapshots.queues(now).chain(queues -> waiting().chain(ids -> snapshots.operators(pool)
                                .chain(operators -> {
                                    Map<String, OperatorSnapshot> team = new LinkedHashMap<>();
                                    operators.forEach(o -> team.put(o.subject(), o));
                                    return routeAll(ids, workflow, queues, team, now);
                                }))));
    }

    private Uni<List<UUID>> waiting() {
        return pool.preparedQuery("SELECT session_id FROM routing_tasks WHERE state = 'WAITING'"
                + " ORDER BY priority DESC, entered_at LIMIT $1").execute(Tuple.of(config.batchSize()))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("session_id")));
                    return ids;
                });
    }

    /**
     * Routes the waiting conversations, {@code routing-concurrency} at a time, against one snapshot of the team read
     * once per round and updated as offers are made. Concurrent decisions may pick the same operator; every offer
     * re-checks the operator under a row lock in the database, so one that no longer fits is not made (the
     * conversation waits for the next round).
     */
    private Uni<Integer> routeAll(List<UUID> ids, CompiledWorkflow workflow, Map<String, QueueSnapshot> queues,
            Map<String, OperatorSnapshot> team, Instant now) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUni(id -> route(id, workflow, queues, team, now))
                .merge(config.routingConcurrency())
                .filter(Boolean::booleanValue)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    /** Routes one waiting conversation; true when an offer was made. */
    private Uni<Boolean> route(UUID sessionId, CompiledWorkflow workflow, Map<String, QueueSnapshot> queues,
            Map<String, OperatorSnapshot> team, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("SELECT queue, step, step_timeout_at, channel_kind,"
                + " attributes::text AS attributes, preferred_operator, forced_queue, priority FROM routing_tasks"
                + " WHERE session_id = $1 AND state = 'WAITING' FOR UPDATE SKIP LOCKED").execute(Tuple.of(sessionId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    Row task = rows.iterator().next();
                    return excluded(c, sessionId).chain(excluded -> decideAndAct(c, sessionId, task, excluded,
                            team, workflow, queues, at));
                }));
    }

    private Uni<Boolean> decideAndAct(SqlConnection c, UUID sessionId, Row task, Set<String> excluded,
            Map<String, OperatorSnapshot> team, CompiledWorkflow workflow, Map<String, QueueSnapshot> queues,
            OffsetDateTime now) {
        List<OperatorSnapshot> operators = List.copyOf(team.values());
        String previousQueue = task.getString("queue");
        int previousStep = task.getInteger("step");
        OffsetDateTime timeoutAt = task.getOffsetDateTime("step_timeout_at");
        int step = timeoutAt != null && !now.isBefore(timeoutAt) ? previousStep + 1 : previousStep;
        String forced = task.getString("forced_queue");
        CompiledWorkflow rules = forced == null ? workflow
                : new CompiledWorkflow(workflow.version(), List.of(),
                        new CompiledWorkflow.CompiledTarget(forced, task.getInteger("priority"), null, null, null));
        Decision decided = RoutingCore.decide(rules, attributes(task.getString("attributes")),
                task.getString("channel_kind"), step, queues, operators, excluded,
                task.getString("preferred_operator"), now.toInstant());
        Decision decision = forced == null ? decided
                : new Decision(decided.workflowVersion(), "transfer to " + forced, decided.step(), decided.queue(),
                        decided.priority(), decided.timeoutSeconds(), decided.queueOpen(), decided.candidates(),
                        decided.winner(), decided.notes());
        boolean moved = !decision.queue().equals(previousQueue) || decision.step() != previousStep;
        OffsetDateTime nextTimeout = !moved ? timeoutAt
                : decision.timeoutSeconds() == null ? null : now.plusSeconds(decision.timeoutSeconds());
        Uni<Void> update = c.preparedQuery("UPDATE routing_tasks SET queue = $2, step = $4, step_timeout_at = $5,"
                + " updated_at = $6, priority = $3 + CASE WHEN sla_breached THEN $7 ELSE 0 END WHERE session_id = $1")
                .execute(Tuple.from(Arrays.asList(sessionId, decision.queue(), decision.priority(), decision.step(),
                        nextTimeout, now, config.slaBreachPriorityBoost())))
                .replaceWithVoid();
        if (moved) {
            String type = previousQueue == null ? RoutingEvents.QUEUED : RoutingEvents.ESCALATED;
            update = update.chain(() -> offers.publish(c, type, sessionId, decision.queue(), null, null));
        }
        QueueSnapshot chosen = queues.get(decision.queue());
        if (previousQueue == null && chosen != null && chosen.sla() != null) {
            update = update.chain(() -> sla.start(c, sessionId, chosen.sla(), now));
        }
        if (moved && chosen != null) {
            update = update.chain(() -> autoReplies.onEntering(c, sessionId, chosen, decision, now));
        }
        if (moved || decision.winner() != null) {
            update = update.chain(() -> explain(c, sessionId, moved ? "queued" : "offer", decision));
        }
        if (decision.winner() == null) {
            return update.replaceWith(false);
        }
        QueueSnapshot queue = queues.get(decision.queue());
        String kind = task.getString("channel_kind");
        return update.chain(() -> offerIfStillFree(c, sessionId, decision.winner(), kind, queue, now))
                .invoke(made -> {
                    OperatorSnapshot winner = team.get(decision.winner());
                    if (winner == null) {
                        return;
                    }
                    if (made) {
                        team.put(winner.subject(), winner.holding(kind, now.toInstant()));
                    } else {
                        team.remove(winner.subject());
                    }
                });
    }

    /** Locks the operator, recounts what they hold, and offers only if they are still available with room. */
    private Uni<Boolean> offerIfStillFree(SqlConnection c, UUID sessionId, String operator, String kind,
            QueueSnapshot queue, OffsetDateTime now) {
        return offers.room(c, operator, kind, sessionId).chain(room -> room != Offers.Room.FREE
                ? Uni.createFrom().item(false)
                : offers.offer(c, sessionId, operator, queue.id(), queue.offerTimeoutSeconds(), now)
                        .chain(offerId -> queue.autoAccept()
                                ? offers.accept(c, offerId, sessionId, operator, queue.id(), now)
                                : Uni.createFrom().voidItem())
                        .replaceWith(true));
    }

    /** Expires overdue offers; an operator who misses too many in a row goes on BREAK ("not responding"). */
    private Uni<Void> expireOffers(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("SELECT id, session_id, operator, queue FROM offers"
                + " WHERE state = 'PENDING' AND expires_at <= $1 FOR UPDATE SKIP LOCKED").execute(Tuple.of(at))
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        String operator = row.getString("operator");
                        chain = chain.chain(() -> offers.release(c, row.getUUID("id"), row.getUUID("session_id"),
                                operator, row.getString("queue"), "EXPIRED", at))
                                .chain(() -> missed(c, operator, at));
                    }
                    return chain;
                }));
    }

    private Uni<Void> missed(SqlConnection c, String operator, OffsetDateTime now) {
        return c.preparedQuery("INSERT INTO operator_routing (subject, missed_offers) VALUES ($1, 1)"
                + " ON CONFLICT (subject) DO UPDATE SET missed_offers = operator_routing.missed_offers + 1"
                + " RETURNING missed_offers").execute(Tuple.of(operator))
                .chain(rows -> rows.iterator().next().getInteger("missed_offers") < config.missedOffersBeforeBreak()
                        ? Uni.createFrom().voidItem()
                        : notResponding(c, operator, now));
    }

    private Uni<Void> notResponding(SqlConnection c, String operator, OffsetDateTime now) {
        String reason = "not responding";
        return c.preparedQuery("UPDATE operators SET status = 'BREAK', status_reason = $2, status_since = $3,"
                + " version = version + 1, updated_at = $3 WHERE subject = $1 AND status = 'AVAILABLE'"
                + " RETURNING subject").execute(Tuple.of(operator, reason, now))
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : c.preparedQuery("INSERT INTO operator_status_log (subject, status, previous, reason,"
                                + " changed_by, at) VALUES ($1, 'BREAK', 'AVAILABLE', $2, 'parley', $3)")
                                .execute(Tuple.of(operator, reason, now))
                                .chain(() -> c.preparedQuery("UPDATE operator_routing SET missed_offers = 0"
                                        + " WHERE subject = $1").execute(Tuple.of(operator)))
                                .chain(() -> events.publish(c, StatusChanged.TYPE, operator, operator,
                                        new StatusChanged(operator, OperatorStatus.BREAK, OperatorStatus.AVAILABLE,
                                                reason, "parley"))));
    }

    private Uni<Set<String>> excluded(SqlConnection c, UUID sessionId) {
        return c.preparedQuery("SELECT DISTINCT operator FROM offers WHERE session_id = $1"
                + " AND state IN ('DECLINED', 'EXPIRED')").execute(Tuple.of(sessionId))
                .map(rows -> {
                    Set<String> excluded = new HashSet<>();
                    rows.forEach(row -> excluded.add(row.getString("operator")));
                    return excluded;
                });
    }

    /**
     * Stores a decision's explanation. With large teams the candidate list is kept readable and small: the winner,
     * up to {@value #KEPT_CANDIDATES} eligible and {@value #KEPT_CANDIDATES} skipped operators, and how many were
     * skipped for each reason.
     */
    private Uni<Void> explain(SqlConnection c, UUID sessionId, String trigger, Decision decision) {
        List<Decision.Candidate> eligible = decision.candidates().stream().filter(Decision.Candidate::eligible)
                .limit(KEPT_CANDIDATES).toList();
        List<Decision.Candidate> skipped = decision.candidates().stream().filter(candidate -> !candidate.eligible())
                .limit(KEPT_CANDIDATES).toList();
        Map<String, Long> skippedByReason = decision.candidates().stream().filter(candidate -> !candidate.eligible())
                .collect(Collectors.groupingBy(Decision.Candidate::reason,
                        Collectors.counting()));
        List<Decision.Candidate> kept = new ArrayList<>(eligible);
        kept.addAll(skipped);
        Decision compact = new Decision(decision.workflowVersion(), decision.filter(), decision.step(),
                decision.queue(), decision.priority(), decision.timeoutSeconds(), decision.queueOpen(), kept,
                decision.winner(), decision.notes());
        try {
            JsonObject stored = new JsonObject(json.writeValueAsString(compact))
                    .put("candidatesConsidered", decision.candidates().size())
                    .put("skippedByReason", new JsonObject(new HashMap<>(skippedByReason)));
            return c.preparedQuery("INSERT INTO routing_decisions (session_id, trigger, decision) VALUES ($1, $2,"
                    + " $3)").execute(Tuple.of(sessionId, trigger, stored)).replaceWithVoid();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Map<String, Object> attributes(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable routing attributes: " + e.getOriginalMessage(), e);
        }
    }
}

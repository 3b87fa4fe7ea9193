package io.parley.routing.assignment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import io.parley.metrics.ParleyMetrics;
import io.parley.routing.RoutingSnapshots;
import io.parley.routing.core.OperatorSnapshot;
import io.parley.routing.core.QueueSnapshot;
import io.parley.routing.core.TargetMatches;
import io.parley.routing.workflow.CompiledWorkflow;
import io.parley.routing.workflow.WorkflowService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Performs routing decisions: expires overdue offers, then routes waiting conversations (highest priority, longest
 * waiting first) in batches, each batch one transaction. Correct across instances because every effect is conditional
 * in the database: a task is routed only by whoever locks it ({@code FOR UPDATE SKIP LOCKED}); offers are made only
 * after locking the operators' rows and recounting what they hold ({@link CapacityCheck}), so capacity is never
 * exceeded; a unique index allows one pending offer per conversation.
 */
@ApplicationScoped
class RoutingEngine {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Pool pool;
    private final WorkflowService workflows;
    private final RoutingSnapshots snapshots;
    private final OfferExpiry expiry;
    private final BatchWrites writes;
    private final ObjectMapper json;
    private final AssignmentConfig config;
    private final SlaClock sla;
    private final ParleyMetrics metrics;

    RoutingEngine(Pool pool, WorkflowService workflows, RoutingSnapshots snapshots, OfferExpiry expiry,
            BatchWrites writes, ObjectMapper json, AssignmentConfig config, SlaClock sla, ParleyMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
        this.workflows = workflows;
        this.snapshots = snapshots;
        this.expiry = expiry;
        this.writes = writes;
        this.json = json;
        this.config = config;
        this.sla = sla;
    }

    /** One round: expire offers, then route what waits. Returns the number of offers made. */
    Uni<Integer> round() {
        Instant now = Instant.now();
        return expiry.expire(now)
                .chain(() -> sla.check(now))
                .chain(() -> workflows.activeCompiled().onFailure(ProblemException.class).recoverWithNull())
                .chain(workflow -> workflow == null ? Uni.createFrom().item(0)
                        : snapshots.queues(now).chain(queues -> waiting(now).chain(ids -> snapshots.operators(pool)
                                .chain(operators -> {
                                    Map<String, OperatorSnapshot> team = new LinkedHashMap<>();
                                    operators.forEach(o -> team.put(o.subject(), o));
                                    return routeAll(ids, workflow, queues, team, now);
                                }))));
    }

    /**
     * The conversations to look at this round: every one not yet in a queue or whose ladder step timed out, and the
     * first {@code per-queue-lookahead} of each queue, so a long queue nobody can serve does not hide the others.
     */
    private Uni<List<UUID>> waiting(Instant now) {
        return pool.preparedQuery("""
                SELECT session_id FROM (
                    SELECT session_id, queue, priority, entered_at, step_timeout_at,
                           row_number() OVER (PARTITION BY queue ORDER BY priority DESC, entered_at) AS position
                    FROM routing_tasks WHERE state = 'WAITING') w
                WHERE queue IS NULL OR position <= $1 OR step_timeout_at <= $2
                ORDER BY priority DESC, entered_at LIMIT $3""")
                .execute(Tuple.of(config.perQueueLookahead(), now.atOffset(ZoneOffset.UTC), config.batchSize()))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("session_id")));
                    return ids;
                });
    }

    /**
     * Routes the waiting conversations in transactions of {@code decisions-per-transaction}, {@code transactions-at-once}
     * at a time (one plans while another writes), against one snapshot of the team read once per round and updated as
     * offers are planned and confirmed. Two transactions may plan onto the same operator; the second to lock the
     * operator's row re-counts after the first commits, so an offer that no longer fits is not made.
     */
    private Uni<Integer> routeAll(List<UUID> ids, CompiledWorkflow workflow, Map<String, QueueSnapshot> queues,
            Map<String, OperatorSnapshot> team, Instant now) {
        List<List<UUID>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += config.decisionsPerTransaction()) {
            batches.add(ids.subList(i, Math.min(ids.size(), i + config.decisionsPerTransaction())));
        }
        TargetMatches matches = new TargetMatches();
        OfferClock clock = new OfferClock(now);
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUni(batch -> route(batch, workflow, queues, team, matches, clock, now))
                .merge(config.transactionsAtOnce())
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /**
     * Locks, decides and performs one batch in one transaction; returns the number of offers made. Its time, to the
     * commit, is {@code parley_routing_decision_seconds}.
     */
    private Uni<Integer> route(List<UUID> ids, CompiledWorkflow workflow, Map<String, QueueSnapshot> queues,
            Map<String, OperatorSnapshot> team, TargetMatches matches, OfferClock clock, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        long start = System.nanoTime();
        return pool.withTransaction(c -> lock(c, ids).chain(tasks -> tasks.isEmpty() ? Uni.createFrom().item(0)
                : excluded(c, ids).chain(excluded -> {
                    Map<UUID, Map<String, Object>> attributes = new HashMap<>();
                    tasks.forEach(t -> attributes.put(t.sessionId(), attributes(t.attributes())));
                    List<Plan> plans;
                    synchronized (team) {
                        plans = Planner.plan(tasks, excluded, workflow, queues, team, attributes, matches, clock, at);
                    }
                    List<UUID> locked = tasks.stream().map(WaitingTask::sessionId).toList();
                    return CapacityCheck.confirm(c, plans, locked).chain(confirmed -> {
                        synchronized (team) {
                            forgetThoseNoLongerFree(plans, confirmed, team);
                        }
                        return writes.apply(c, confirmed, queues, at);
                    });
                }))).invoke(() -> metrics.routingDecision(System.nanoTime() - start));
    }

    /**
     * Locks the batch's tasks that still wait. {@code IS TRUE} keeps the planner on the primary key: with statistics
     * from before a burst (few waiting then), it would otherwise walk the whole partial index of waiting tasks for
     * every batch, because that index matches the condition and the order (in a burst of 10,000: about 10 ms instead
     * of under 1 ms per batch of 100).
     */
    private static Uni<List<WaitingTask>> lock(SqlConnection c, List<UUID> ids) {
        return c.preparedQuery("SELECT " + WaitingTask.COLUMNS + " FROM routing_tasks WHERE session_id = ANY($1)"
                + " AND (state = 'WAITING') IS TRUE ORDER BY priority DESC, entered_at FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    List<WaitingTask> tasks = new ArrayList<>();
                    rows.forEach(row -> tasks.add(WaitingTask.of(row)));
                    return tasks;
                });
    }

    /** Operators who declined or let expire an offer of the conversation: not offered it again. */
    private static Uni<Map<UUID, Set<String>>> excluded(SqlConnection c, List<UUID> ids) {
        return c.preparedQuery("SELECT DISTINCT session_id, operator FROM offers WHERE session_id = ANY($1)"
                + " AND state IN ('DECLINED', 'EXPIRED')").execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Set<String>> excluded = new HashMap<>();
                    for (Row row : rows) {
                        excluded.computeIfAbsent(row.getUUID("session_id"), id -> new HashSet<>())
                                .add(row.getString("operator"));
                    }
                    return excluded;
                });
    }

    /** An operator whose planned offer did not fit is left out of the rest of the round. */
    private static void forgetThoseNoLongerFree(List<Plan> planned, List<Plan> confirmed,
            Map<String, OperatorSnapshot> team) {
        for (int i = 0; i < planned.size(); i++) {
            if (planned.get(i).offer() && !confirmed.get(i).offer()) {
                team.remove(planned.get(i).decision().winner());
            }
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

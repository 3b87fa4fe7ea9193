package io.parley.push;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.common.infra.CoalescedTask;
import io.parley.operator.OperatorService;
import io.parley.operator.OperatorStatus;
import io.parley.operator.StatusChange;
import io.parley.routing.assignment.OfferDecisions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Presence of operators who use the push API. Every instance marks the operators it holds connections of as present;
 * a WebSocket that sent nothing (not even a {@code ping}) for the grace period is closed. An operator with no present
 * connection on any instance for the grace period is set OFFLINE ("connection lost", by {@code parley}) and their
 * pending offers go back to routing. Operators who never used the push API are not affected.
 */
@ApplicationScoped
class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);
    static final String LOST = "connection lost";

    private final String instance = UUID.randomUUID().toString();
    private final Pool pool;
    private final PushHub hub;
    private final PushConfig config;
    private final OperatorService operators;
    private final OfferDecisions offers;
    private final CoalescedTask task;

    Presence(Pool pool, PushHub hub, PushConfig config, OperatorService operators, OfferDecisions offers) {
        this.pool = pool;
        this.hub = hub;
        this.config = config;
        this.operators = operators;
        this.offers = offers;
        this.task = new CoalescedTask("Presence", this::round);
    }

    @Scheduled(every = "${parley.push.presence-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beat() {
        task.trigger();
    }

    private Uni<Void> round() {
        Instant silentSince = Instant.now().minus(config.presenceGrace());
        for (PushConnection connection : hub.connections()) {
            if (connection.lastHeard().isBefore(silentSince)) {
                hub.close(connection);
                connection.sink().close("no heartbeat");
            } else {
                connection.sink().heartbeat().subscribe().with(ok -> connection.heard(), failure -> {
                });
            }
        }
        return markPresent().chain(this::setLostOffline);
    }

    /**
     * Marks the operator of a new connection present at once, so that a connection lost before the next presence
     * round still sets them OFFLINE after the grace period.
     */
    Uni<Void> connected(String subject) {
        return mark(new String[] { subject });
    }

    private Uni<Void> markPresent() {
        return mark(hub.subjects().toArray(String[]::new));
    }

    private Uni<Void> mark(String[] subjects) {
        return subjects.length == 0 ? Uni.createFrom().voidItem()
                : pool.preparedQuery("INSERT INTO operator_presence (subject, instance, last_seen)"
                        + " SELECT unnest($1::text[]), $2, now()"
                        + " ON CONFLICT (subject, instance) DO UPDATE SET last_seen = now()")
                        .execute(Tuple.of(subjects, instance)).replaceWithVoid();
    }

    private Uni<Void> setLostOffline() {
        return pool.preparedQuery("""
                DELETE FROM operator_presence p WHERE p.last_seen < now() - make_interval(secs => $1)
                    AND NOT EXISTS (SELECT 1 FROM operator_presence q WHERE q.subject = p.subject
                                    AND q.last_seen >= now() - make_interval(secs => $1))
                RETURNING p.subject""").execute(Tuple.of((double) config.presenceGrace().toSeconds()))
                .chain(rows -> {
                    Set<String> lost = new LinkedHashSet<>();
                    rows.forEach(row -> lost.add(row.getString("subject")));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String subject : lost) {
                        chain = chain.chain(() -> offline(subject));
                    }
                    return chain;
                });
    }

    private Uni<Void> offline(String subject) {
        LOG.infof("Operator %s lost their push connection: OFFLINE, pending offers returned", subject);
        return operators.changeStatus(subject, new StatusChange(OperatorStatus.OFFLINE, LOST), "parley")
                .replaceWithVoid()
                .onFailure().recoverWithNull()
                .chain(() -> offers.rescindAll(subject));
    }
}

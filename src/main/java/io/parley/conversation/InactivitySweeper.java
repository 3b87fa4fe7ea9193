package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Closes sessions that saw no message for {@code parley.conversation.inactivity-timeout}. */
@ApplicationScoped
class InactivitySweeper {

    private static final Logger LOG = Logger.getLogger(InactivitySweeper.class);
    private static final int BATCH = 200;

    private final SessionService sessions;
    private final ConversationConfig config;

    InactivitySweeper(SessionService sessions, ConversationConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @Scheduled(every = "${parley.conversation.inactivity-sweep}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return closeIdle(OffsetDateTime.now()).invoke(closed -> {
            if (closed > 0) {
                LOG.infof("Closed %d inactive sessions", closed);
            }
        }).replaceWithVoid();
    }

    /** Closes idle sessions as of {@code now}; returns how many. Locked rows are left to another instance. */
    Uni<Integer> closeIdle(OffsetDateTime now) {
        OffsetDateTime idleSince = now.minus(config.inactivityTimeout());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT * FROM sessions WHERE state = 'OPEN' AND last_activity_at < ?1"
                        + " ORDER BY last_activity_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", SessionEntity.class)
                .setParameter(1, idleSince).getResultList())
                .chain(idle -> closeAll(idle, now)));
    }

    private Uni<Integer> closeAll(List<SessionEntity> idle, OffsetDateTime now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SessionEntity session : idle) {
            chain = chain.chain(() -> sessions.close(session, "inactivity", now).replaceWithVoid());
        }
        return chain.replaceWith(idle.size());
    }
}

package io.parley.routing.queue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.audit.AuditLog;
import io.parley.common.problem.ProblemException;
import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.expression.ExpressionSyntaxException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Stores queue definitions after validating them; every change is audited. */
@ApplicationScoped
class QueueService {

    /** Without a setting, a returning customer goes back to their last operator within a day. */
    static final int DEFAULT_REOPEN_TO_LAST_OPERATOR_SECONDS = 86_400;

    private final AuditLog audit;

    QueueService(AuditLog audit) {
        this.audit = audit;
    }

    /** Creates or replaces queue {@code id}; the boolean says whether it was created. */
    Uni<Map.Entry<Boolean, QueueView>> put(String id, QueueDefinition definition, String actor) {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            return Uni.createFrom().failure(ProblemException.invalidField("id",
                    "lower-case letters, digits and '-', at most 40 characters"));
        }
        try {
            ExpressionParser.parse(definition.targetExpression());
        } catch (ExpressionSyntaxException e) {
            return Uni.createFrom().failure(ProblemException.invalidField("targetExpression", e.getMessage()));
        }
        if (definition.businessHours() != null) {
            definition.businessHours().validate("businessHours");
        }
        OffsetDateTime now = OffsetDateTime.now();
        return Panache.withTransaction(() -> QueueEntity.<QueueEntity> findById(id).chain(existing -> {
            boolean created = existing == null;
            QueueEntity queue = created ? new QueueEntity() : existing;
            if (created) {
                queue.id = id;
                queue.createdAt = now;
            }
            apply(queue, definition);
            queue.updatedAt = now;
            return audit.record(actor, created ? "queue.created" : "queue.updated", id, Map.of())
                    .chain(() -> queue.<QueueEntity> persistAndFlush())
                    .map(saved -> Map.entry(created, view(saved)));
        }));
    }

    Uni<List<QueueView>> list() {
        return Panache.withSession(() -> QueueEntity.<QueueEntity> listAll(Sort.ascending("id")))
                .map(all -> all.stream().map(QueueService::view).toList());
    }

    Uni<QueueView> get(String id) {
        return Panache.withSession(() -> QueueEntity.<QueueEntity> findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Queue " + id))
                .map(QueueService::view);
    }

    Uni<Void> delete(String id, String actor) {
        return Panache.withTransaction(() -> QueueEntity.deleteById(id).chain(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Queue " + id);
            }
            return audit.record(actor, "queue.deleted", id, Map.of());
        }));
    }

    private static void apply(QueueEntity queue, QueueDefinition d) {
        queue.name = d.name();
        queue.targetExpression = d.targetExpression();
        queue.strategy = d.strategy() == null ? SelectionStrategy.LONGEST_IDLE : d.strategy();
        queue.offerTimeoutSeconds = d.offerTimeoutSeconds();
        queue.autoAccept = d.autoAccept();
        queue.maxWaitSeconds = d.maxWaitSeconds();
        queue.businessHours = d.businessHours();
        queue.outOfHoursReply = d.outOfHoursReply();
        queue.positionReply = d.positionReply();
        queue.closedReply = d.closedReply();
        queue.reopenToLastOperatorSeconds = d.reopenToLastOperatorSeconds() == null
                ? DEFAULT_REOPEN_TO_LAST_OPERATOR_SECONDS
                : d.reopenToLastOperatorSeconds();
        queue.slaFirstResponseSeconds = d.slaFirstResponseSeconds();
        queue.slaResolutionSeconds = d.slaResolutionSeconds();
    }

    private static QueueView view(QueueEntity queue) {
        return QueueView.of(queue, queue.businessHours == null || queue.businessHours.isOpen(Instant.now()));
    }
}

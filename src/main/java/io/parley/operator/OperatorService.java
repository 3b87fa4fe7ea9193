package io.parley.operator;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.parley.common.audit.AuditLog;
import io.parley.common.problem.ProblemException;
import io.parley.events.EventPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Keeps operator profiles (every change audited) and statuses (every change logged and published as
 * {@value StatusChanged#TYPE} in the same transaction).
 */
@ApplicationScoped
public class OperatorService {

    private final AuditLog audit;
    private final EventPublisher events;

    OperatorService(AuditLog audit, EventPublisher events) {
        this.audit = audit;
        this.events = events;
    }

    /** A profile after create-or-replace, and whether it was created. */
    record Saved(OperatorView operator, boolean created) {
    }

    Uni<Saved> put(String subject, OperatorProfile profile, String actor) {
        return Panache.withTransaction(() -> OperatorEntity.<OperatorEntity> findById(subject,
                LockModeType.PESSIMISTIC_WRITE).chain(found -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    boolean created = found == null;
                    OperatorEntity entity = created ? newOperator(subject, now) : found;
                    entity.displayName = profile.displayName().strip();
                    entity.skills = distinct(profile.skills());
                    entity.languages = distinct(profile.languages());
                    entity.groups = distinct(profile.groups());
                    entity.capacity = profile.capacity() == null ? Map.of() : new TreeMap<>(profile.capacity());
                    entity.maxConcurrent = profile.maxConcurrent();
                    entity.updatedAt = now;
                    return audit.record(actor, created ? "operator.created" : "operator.updated", subject,
                            Map.of("skills", entity.skills, "languages", entity.languages, "groups", entity.groups,
                                    "capacity", entity.capacity, "maxConcurrent", entity.maxConcurrent))
                            .chain(() -> entity.<OperatorEntity> persistAndFlush())
                            .map(saved -> new Saved(OperatorView.of(saved), created));
                }));
    }

    Uni<List<OperatorView>> list() {
        return Panache.withSession(() -> OperatorEntity.<OperatorEntity> listAll(Sort.ascending("subject")))
                .map(all -> all.stream().map(OperatorView::of).toList());
    }

    Uni<OperatorView> get(String subject) {
        return Panache.withSession(() -> find(subject, LockModeType.NONE)).map(OperatorView::of);
    }

    /** Deletes a profile; an operator who was not OFFLINE goes OFFLINE first. The status log is kept. */
    Uni<Void> delete(String subject, String actor) {
        return Panache.withTransaction(() -> find(subject, LockModeType.PESSIMISTIC_WRITE)
                .chain(entity -> (entity.status == OperatorStatus.OFFLINE ? Uni.createFrom().item(entity)
                        : apply(entity, OperatorStatus.OFFLINE, "profile deleted", actor))
                        .chain(() -> audit.record(actor, "operator.deleted", subject, Map.of()))
                        .chain(entity::delete)));
    }

    /**
     * Sets an operator's status. Setting the status and reason the operator already has changes and logs nothing.
     *
     * @param changedBy the token subject of whoever asked
     */
    public Uni<OperatorView> changeStatus(String subject, StatusChange change, String changedBy) {
        String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason().strip();
        return Panache.withTransaction(() -> find(subject, LockModeType.PESSIMISTIC_WRITE)
                .chain(entity -> apply(entity, change.status(), reason, changedBy)))
                .map(OperatorView::of);
    }

    /** The newest {@code limit} status changes of an operator, newest first (kept after the profile is deleted). */
    Uni<List<StatusLogView>> statusLog(String subject, int limit) {
        return Panache.withSession(() -> StatusLogEntity.<StatusLogEntity> find("subject", Sort.descending("id"),
                subject).page(Page.ofSize(limit)).list())
                .map(entries -> entries.stream().map(StatusLogView::of).toList());
    }

    private Uni<OperatorEntity> apply(OperatorEntity entity, OperatorStatus status, String reason, String changedBy) {
        if (entity.status == status && Objects.equals(entity.statusReason, reason)) {
            return Uni.createFrom().item(entity);
        }
        OperatorStatus previous = entity.status;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        entity.status = status;
        entity.statusReason = reason;
        entity.statusSince = now;
        StatusLogEntity log = new StatusLogEntity();
        log.subject = entity.subject;
        log.status = status;
        log.previous = previous;
        log.reason = reason;
        log.changedBy = changedBy;
        log.at = now;
        return log.persist()
                .chain(() -> events.publish(StatusChanged.TYPE, entity.subject, entity.subject,
                        new StatusChanged(entity.subject, status, previous, reason, changedBy)))
                .chain(() -> entity.<OperatorEntity> persistAndFlush());
    }

    private static Uni<OperatorEntity> find(String subject, LockModeType lock) {
        return OperatorEntity.<OperatorEntity> findById(subject, lock)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Operator " + subject));
    }

    private static OperatorEntity newOperator(String subject, OffsetDateTime now) {
        OperatorEntity entity = new OperatorEntity();
        entity.subject = subject;
        entity.status = OperatorStatus.OFFLINE;
        entity.statusSince = now;
        entity.createdAt = now;
        return entity;
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }
}

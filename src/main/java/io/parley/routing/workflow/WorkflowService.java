package io.parley.routing.workflow;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.audit.AuditLog;
import io.parley.common.problem.ProblemException;
import io.parley.routing.queue.QueueEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Saves, lists and re-activates versions of the routing rules; every change is audited. */
@ApplicationScoped
public class WorkflowService {

    /** A version as listed. */
    public record VersionView(int version, boolean active, OffsetDateTime createdAt, String createdBy) {
    }

    /** The active version with its rules. */
    public record WorkflowView(int version, OffsetDateTime createdAt, String createdBy, Workflow workflow) {
    }

    private static final long SAVE_LOCK = 0x726f757465L;

    private final AuditLog audit;

    WorkflowService(AuditLog audit) {
        this.audit = audit;
    }

    /** The active rules, compiled; fails with 404 when none were saved yet. */
    public Uni<CompiledWorkflow> activeCompiled() {
        return Panache.withSession(this::activeEntity)
                .map(entity -> CompiledWorkflow.compile(entity.version, entity.document, null));
    }

    Uni<WorkflowView> active() {
        return Panache.withSession(this::activeEntity).map(WorkflowService::view);
    }

    /** Validates the rules against the existing queues and stores them as the new active version. */
    Uni<WorkflowView> save(Workflow workflow, String actor) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT pg_advisory_xact_lock(" + SAVE_LOCK + ")").getSingleResult())
                .chain(() -> QueueEntity.<QueueEntity> listAll())
                .map(queues -> queues.stream().map(q -> q.id).collect(Collectors.toSet()))
                .invoke(known -> CompiledWorkflow.compile(0, workflow, known))
                .chain(() -> WorkflowEntity.find("order by version desc").<WorkflowEntity> firstResult())
                .chain(latest -> {
                    WorkflowEntity entity = new WorkflowEntity();
                    entity.version = latest == null ? 1 : latest.version + 1;
                    entity.document = workflow;
                    entity.active = true;
                    entity.createdBy = actor;
                    return WorkflowEntity.update("active = false where active = true")
                            .chain(() -> entity.persistAndFlush())
                            .chain(() -> audit.record(actor, "workflow.saved", String.valueOf(entity.version),
                                    Map.of()))
                            .chain(() -> WorkflowEntity.<WorkflowEntity> findById(entity.version));
                })).map(WorkflowService::view);
    }

    Uni<List<VersionView>> versions() {
        return Panache.withSession(() -> WorkflowEntity.<WorkflowEntity> listAll(Sort.descending("version")))
                .map(all -> all.stream().map(w -> new VersionView(w.version, w.active, w.createdAt, w.createdBy))
                        .toList());
    }

    /** Makes an earlier (or any) version the active one again: a rollback. */
    Uni<WorkflowView> activate(int version, String actor) {
        return Panache.withTransaction(() -> WorkflowEntity.<WorkflowEntity> findById(version)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Workflow version " + version))
                .chain(entity -> QueueEntity.<QueueEntity> listAll()
                        .invoke(queues -> CompiledWorkflow.compile(version, entity.document,
                                queues.stream().map(q -> q.id).collect(Collectors.toSet())))
                        .chain(() -> Panache.getSession().chain(s -> s
                                .createNativeQuery("UPDATE workflows SET active = FALSE WHERE active").executeUpdate()
                                .chain(() -> s.createNativeQuery("UPDATE workflows SET active = TRUE WHERE version = ?1")
                                        .setParameter(1, version).executeUpdate())))
                        .chain(() -> audit.record(actor, "workflow.activated", String.valueOf(version), Map.of()))
                        .replaceWith(entity)))
                .map(WorkflowService::view);
    }

    private Uni<WorkflowEntity> activeEntity() {
        return WorkflowEntity.find("active", true).<WorkflowEntity> firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("An active workflow"));
    }

    private static WorkflowView view(WorkflowEntity entity) {
        return new WorkflowView(entity.version, entity.createdAt, entity.createdBy, entity.document);
    }
}

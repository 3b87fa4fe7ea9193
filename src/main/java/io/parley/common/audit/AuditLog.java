package io.parley.common.audit;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Appends audit records inside the caller's transaction. */
@ApplicationScoped
public class AuditLog {

    public Uni<Void> record(String actor, String action, String subject, Map<String, Object> details) {
        AuditRecord record = new AuditRecord();
        record.actor = actor;
        record.action = action;
        record.subject = subject;
        record.details = details;
        return record.persist().replaceWithVoid();
    }
}

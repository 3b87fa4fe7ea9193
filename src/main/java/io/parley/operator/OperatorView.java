package io.parley.operator;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** An operator's profile and current status, as the API shows it. */
public record OperatorView(String subject, String displayName, List<String> skills, List<String> languages,
        List<String> groups, Map<String, Integer> capacity, int maxConcurrent, OperatorStatus status,
        String statusReason, OffsetDateTime statusSince, int version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static OperatorView of(OperatorEntity e) {
        return new OperatorView(e.subject, e.displayName, e.skills, e.languages, e.groups, e.capacity,
                e.maxConcurrent, e.status, e.statusReason, e.statusSince, e.version, e.createdAt, e.updatedAt);
    }
}

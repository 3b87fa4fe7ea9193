package io.parley.routing.core;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator as routing sees them at one moment.
 *
 * @param status {@code AVAILABLE}, {@code BUSY}, …
 * @param capacity weights per channel kind, e.g. {@code chat=3}
 * @param load conversations held now per channel kind
 * @param idleSince since when they have had nothing new: the latest of becoming available, finishing a conversation
 *        and receiving an offer
 * @param lastOfferedAt their last offer, for round robin (null: never)
 */
public record OperatorSnapshot(String subject, String status, List<String> skills, List<String> languages,
        List<String> groups, Map<String, Integer> capacity, int maxConcurrent, Map<String, Integer> load,
        Instant idleSince, Instant lastOfferedAt) {

    public OperatorSnapshot {
        skills = List.copyOf(skills);
        languages = List.copyOf(languages);
        groups = List.copyOf(groups);
        capacity = Map.copyOf(capacity);
        load = Map.copyOf(load);
    }

    /** The same operator just offered one more conversation of {@code kind}. */
    public OperatorSnapshot holding(String kind, Instant offeredAt) {
        Map<String, Integer> more = new HashMap<>(load);
        more.merge(kind, 1, Integer::sum);
        return new OperatorSnapshot(subject, status, skills, languages, groups, capacity, maxConcurrent, more,
                offeredAt, offeredAt);
    }

    public int totalLoad() {
        return load.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int spare(String kind) {
        return capacity.getOrDefault(kind, 0) - load.getOrDefault(kind, 0);
    }

    /** What {@code operator.*} paths of expressions see. */
    Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("subject", subject);
        attributes.put("status", status);
        attributes.put("skills", skills);
        attributes.put("languages", languages);
        attributes.put("groups", groups);
        attributes.put("capacity", capacity);
        attributes.put("load", load);
        attributes.put("totalLoad", totalLoad());
        attributes.put("maxConcurrent", maxConcurrent);
        return attributes;
    }
}

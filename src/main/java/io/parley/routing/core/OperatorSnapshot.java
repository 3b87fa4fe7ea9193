package io.parley.routing.core;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An operator as routing sees them at one moment. Immutable; what expressions see ({@code operator.*}) is built once,
 * because one snapshot is evaluated for every conversation of a routing round.
 */
public final class OperatorSnapshot {

    private final String subject;
    private final String status;
    private final Map<String, Integer> capacity;
    private final int maxConcurrent;
    private final Map<String, Integer> load;
    private final int totalLoad;
    private final Instant idleSince;
    private final Instant lastOfferedAt;
    private final List<String> skills;
    private final List<String> languages;
    private final List<String> groups;
    private final Map<String, Object> attributes;

    /**
     * @param status {@code AVAILABLE}, {@code BUSY}, …
     * @param capacity weights per channel kind, e.g. {@code chat=3}
     * @param load conversations held now per channel kind
     * @param idleSince since when they have had nothing new: the latest of becoming available, finishing a
     *        conversation and receiving an offer
     * @param lastOfferedAt their last offer, for round robin (null: never)
     */
    public OperatorSnapshot(String subject, String status, List<String> skills, List<String> languages,
            List<String> groups, Map<String, Integer> capacity, int maxConcurrent, Map<String, Integer> load,
            Instant idleSince, Instant lastOfferedAt) {
        this.subject = subject;
        this.status = status;
        this.skills = List.copyOf(skills);
        this.languages = List.copyOf(languages);
        this.groups = List.copyOf(groups);
        this.capacity = Map.copyOf(capacity);
        this.maxConcurrent = maxConcurrent;
        this.load = Map.copyOf(load);
        this.totalLoad = this.load.values().stream().mapToInt(Integer::intValue).sum();
        this.idleSince = idleSince;
        this.lastOfferedAt = lastOfferedAt;
        this.attributes = Map.of("subject", subject, "status", status, "skills", this.skills, "languages",
                this.languages, "groups", this.groups, "capacity", this.capacity, "load", this.load, "totalLoad",
                totalLoad(), "maxConcurrent", maxConcurrent);
    }

    public String subject() {
        return subject;
    }

    public String status() {
        return status;
    }

    public Map<String, Integer> capacity() {
        return capacity;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public Map<String, Integer> load() {
        return load;
    }

    public Instant idleSince() {
        return idleSince;
    }

    public Instant lastOfferedAt() {
        return lastOfferedAt;
    }

    /** The same operator just offered one more conversation of {@code kind}. */
    public OperatorSnapshot holding(String kind, Instant offeredAt) {
        Map<String, Integer> more = new HashMap<>(load);
        more.merge(kind, 1, Integer::sum);
        return new OperatorSnapshot(subject, status, skills, languages, groups, capacity, maxConcurrent, more,
                offeredAt, offeredAt);
    }

    public int totalLoad() {
        return totalLoad;
    }

    public int spare(String kind) {
        return capacity.getOrDefault(kind, 0) - load.getOrDefault(kind, 0);
    }

    /** What {@code operator.*} paths of expressions see. */
    Map<String, Object> attributes() {
        return attributes;
    }
}

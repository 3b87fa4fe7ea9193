package io.parley.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One delivery in a subscription's log.
 *
 * @param id the stable delivery id, sent as {@code webhook-id} on every attempt and replay
 * @param eventId the CloudEvent's {@code id}
 * @param state {@code PENDING}, {@code DELIVERED} or {@code DEAD}
 * @param attempts attempts made so far
 * @param lastStatus the receiver's last HTTP status, null when none came
 * @param lastError why the last attempt got no status (e.g. {@code ConnectException}), or null
 * @param lastLatencyMs how long the last attempt took
 * @param nextAttemptAt when a pending delivery is tried next
 * @param log every attempt, on the single-delivery view only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(UUID id, String eventId, String type, String orderingKey, String state, int attempts,
        Integer lastStatus, String lastError, Integer lastLatencyMs, OffsetDateTime createdAt,
        OffsetDateTime nextAttemptAt, OffsetDateTime finishedAt, List<Attempt> log) {

    /** One attempt: its number, when, the status or error, and how long it took. */
    public record Attempt(int attempt, OffsetDateTime at, Integer status, String error, int latencyMs) {
    }

    DeliveryView withLog(List<Attempt> attempts) {
        return new DeliveryView(id, eventId, type, orderingKey, state, attempts(), lastStatus, lastError,
                lastLatencyMs, createdAt, nextAttemptAt, finishedAt, attempts);
    }
}

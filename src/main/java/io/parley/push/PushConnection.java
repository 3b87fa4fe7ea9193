package io.parley.push;

import java.time.Instant;
import java.util.List;

import io.parley.common.infra.CoalescedTask;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * One live push connection of an operator (WebSocket or SSE). Events are delivered in order, each once per
 * connection: a delivery round sends what the store holds after the last sent number, and wake-ups during a round
 * cost one more round at most.
 */
final class PushConnection {

    /** How a connection's frames leave: WebSocket text frames or SSE events. */
    interface Sink {

        Uni<Void> event(PushEvent event);

        Uni<Void> control(JsonObject frame);

        /** Keeps an idle connection alive where the transport needs it (SSE); a WebSocket relies on client pings. */
        Uni<Void> heartbeat();

        void close(String reason);
    }

    private static final int PAGE = 200;

    private final SecurityIdentity identity;
    private final Sink sink;
    private final OperatorEventStore store;
    private final CoalescedTask delivery;
    private volatile long lastSent;
    private volatile Instant lastHeard = Instant.now();

    PushConnection(SecurityIdentity identity, Sink sink, OperatorEventStore store) {
        this.identity = identity;
        this.sink = sink;
        this.store = store;
        this.delivery = new CoalescedTask("Push delivery", this::deliverRound);
    }

    String subject() {
        return identity.getPrincipal().getName();
    }

    SecurityIdentity identity() {
        return identity;
    }

    Sink sink() {
        return sink;
    }

    void startAfter(long seq) {
        lastSent = seq;
    }

    void heard() {
        lastHeard = Instant.now();
    }

    Instant lastHeard() {
        return lastHeard;
    }

    /** Delivers what is new now (or right after the current round). */
    void wake() {
        delivery.trigger();
    }

    private Uni<Void> deliverRound() {
        return store.after(subject(), lastSent, PAGE).chain(events -> send(events).invoke(() -> {
            if (events.size() == PAGE) {
                wake();
            }
        }));
    }

    private Uni<Void> send(List<PushEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PushEvent event : events) {
            chain = chain.chain(() -> sink.event(event)).invoke(() -> lastSent = event.seq());
        }
        return chain;
    }
}

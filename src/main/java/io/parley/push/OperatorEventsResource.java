package io.parley.push;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonObject;

/**
 * The operator push stream as Server-Sent Events, for networks that block WebSockets: the same events (SSE id = the
 * sequence number, SSE event name = the event type), resumed from {@code Last-Event-ID} or {@code ?after=}; actions
 * go through the REST API.
 */
@Path("/api/operator/events")
@RolesAllowed(Roles.OPERATOR)
class OperatorEventsResource {

    private final PushHub hub;
    private final OperatorEventStore store;
    private final SecurityIdentity identity;
    private final Presence presence;

    OperatorEventsResource(PushHub hub, OperatorEventStore store, SecurityIdentity identity, Presence presence) {
        this.hub = hub;
        this.store = store;
        this.identity = identity;
        this.presence = presence;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") Long after, @Context Sse sse) {
        Long from = after != null ? after : parse(lastEventId);
        SecurityIdentity who = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(identity.getPrincipal().getName()))
                .addRoles(identity.getRoles()).build();
        return Multi.createFrom().emitter(emitter -> {
            PushConnection connection = new PushConnection(who, new SseSink(emitter, sse), store);
            emitter.onTermination(() -> hub.close(connection));
            presence.connected(connection.subject()).chain(() -> hub.open(connection, from)).subscribe().with(ok -> {
            }, emitter::fail);
        });
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("Last-Event-ID", "must be a sequence number");
        }
    }

    /** Frames out as SSE events. */
    private record SseSink(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) implements PushConnection.Sink {

        @Override
        public Uni<Void> event(PushEvent event) {
            emitter.emit(sse.newEventBuilder().id(String.valueOf(event.seq())).name(event.type())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(new JsonObject().put("seq", event.seq()).put("at", event.at().toString())
                            .put("data", event.data()).encode())
                    .build());
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> control(JsonObject frame) {
            emitter.emit(sse.newEventBuilder().name(frame.getString("type")).data(frame.encode()).build());
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> heartbeat() {
            emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
            return Uni.createFrom().voidItem();
        }

        @Override
        public void close(String reason) {
            emitter.complete();
        }
    }
}

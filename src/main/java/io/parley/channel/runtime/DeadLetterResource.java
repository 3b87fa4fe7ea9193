package io.parley.channel.runtime;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.parley.common.audit.AuditLog;
import io.parley.common.outbox.Outbox;
import io.parley.common.problem.ProblemException;
import io.parley.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Outbound messages that could not be delivered: list them, and send one again once the cause is fixed. */
@Path("/api/admin/dead-letters")
@RolesAllowed(Roles.ADMIN)
class DeadLetterResource {

    /** A dead letter as listed. */
    record DeadLetterView(UUID id, UUID channelId, UUID messageId, String failure, int attempts,
            OffsetDateTime createdAt, OffsetDateTime replayedAt) {

        static DeadLetterView of(DeadLetterEntity e) {
            return new DeadLetterView(e.id, e.channelId, e.messageId, e.failure, e.attempts, e.createdAt,
                    e.replayedAt);
        }
    }

    private final Outbox outbox;
    private final DeliveryOutcomes outcomes;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    DeadLetterResource(Outbox outbox, DeliveryOutcomes outcomes, AuditLog audit, SecurityIdentity identity) {
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    public Uni<List<DeadLetterView>> list(@QueryParam("channelId") UUID channelId) {
        return Panache.withSession(() -> channelId == null
                ? DeadLetterEntity.<DeadLetterEntity> listAll(Sort.descending("createdAt"))
                : DeadLetterEntity.<DeadLetterEntity> list("channelId", Sort.descending("createdAt"), channelId))
                .map(all -> all.stream().map(DeadLetterView::of).toList());
    }

    @POST
    @Path("/{id}/replay")
    public Uni<DeadLetterView> replay(UUID id) {
        return Panache.withTransaction(() -> DeadLetterEntity.<DeadLetterEntity> findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Dead letter " + id))
                .chain(letter -> {
                    if (letter.replayedAt != null) {
                        throw ProblemException.conflict("Dead letter " + id + " was already replayed");
                    }
                    letter.replayedAt = OffsetDateTime.now();
                    return outcomes.retrying(letter.payload)
                            .chain(() -> outbox.append(OutboundCommand.TOPIC, letter.recordKey, letter.payload))
                            .chain(() -> audit.record(identity.getPrincipal().getName(), "dead-letter.replayed",
                                    id.toString(), Map.of("messageId", String.valueOf(letter.messageId))))
                            .replaceWith(DeadLetterView.of(letter));
                }));
    }
}

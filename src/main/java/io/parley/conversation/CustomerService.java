package io.parley.conversation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.common.audit.AuditLog;
import io.parley.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** A customer's cross-channel timeline, and the manual linking and unlinking of their identities. */
@ApplicationScoped
class CustomerService {

    private final AuditLog audit;
    private final ConversationEvents events;
    private final SessionService sessions;

    CustomerService(AuditLog audit, ConversationEvents events, SessionService sessions) {
        this.audit = audit;
        this.events = events;
        this.sessions = sessions;
    }

    Uni<Views.CustomerView> get(UUID id) {
        return Panache.withSession(() -> customer(id).chain(customer -> IdentityEntity
                .<IdentityEntity> list("customerId", id).chain(ids -> channelTypes(ids)
                        .chain(types -> verified(id).map(verified -> Views.CustomerView.of(customer, ids, types,
                                verified))))));
    }

    private static Uni<List<Views.VerifiedView>> verified(UUID customerId) {
        return Panache.getSession().chain(db -> db.createNativeQuery("SELECT kind, value FROM customer_verified_ids"
                + " WHERE customer_id = ?1 ORDER BY kind, value", Object[].class).setParameter(1, customerId)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Views.VerifiedView((String) r[0], (String) r[1])).toList());
    }

    private static Uni<Map<UUID, String>> channelTypes(List<IdentityEntity> identities) {
        List<UUID> ids = identities.stream().map(i -> i.channelId).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(db -> db.createNativeQuery("SELECT id, type FROM channels WHERE id IN (?1)",
                Object[].class).setParameter(1, ids).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> (String) r[1])));
    }

    /** Messages of all channels and sessions, newest first, {@code limit} at a time. */
    Uni<Views.TimelinePage> timeline(UUID customerId, String cursor, int limit) {
        TimelineCursor after = cursor == null ? null : TimelineCursor.decode(cursor);
        return Panache.withSession(() -> customer(customerId).chain(ignored -> (after == null
                ? MessageEntity.<MessageEntity> find("customerId = ?1 order by sentAt desc, seq desc", customerId)
                : MessageEntity.<MessageEntity> find("customerId = ?1 and (sentAt < ?2 or (sentAt = ?2 and seq < ?3))"
                        + " order by sentAt desc, seq desc", customerId, after.sentAt(), after.seq()))
                .page(Page.ofSize(limit + 1)).list()))
                .map(rows -> {
                    List<MessageEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    MessageEntity last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = rows.size() > limit ? new TimelineCursor(last.sentAt, last.seq).encode() : null;
                    return new Views.TimelinePage(customerId, page.stream().map(Views.MessageView::of).toList(),
                            next);
                });
    }

    /** Moves everything of {@code sourceId} to {@code targetId}; the source is kept as a pointer to the target. */
    Uni<Views.CustomerView> merge(UUID targetId, UUID sourceId, String reason, String actor) {
        if (targetId.equals(sourceId)) {
            return Uni.createFrom().failure(ProblemException.invalidField("sourceCustomerId",
                    "must differ from the target customer"));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() -> customer(targetId).chain(target -> customer(sourceId).chain(source -> {
            source.mergedInto = targetId;
            return closeSourceSessionIfBothOpen(targetId, sourceId, now)
                    .chain(Panache::flush)
                    .chain(() -> IdentityEntity.update("customerId = ?1 where customerId = ?2", targetId, sourceId))
                    .chain(() -> SessionEntity.update("customerId = ?1 where customerId = ?2", targetId, sourceId))
                    .chain(() -> MessageEntity.update("customerId = ?1 where customerId = ?2", targetId, sourceId))
                    .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "UPDATE customer_verified_ids SET customer_id = ?1 WHERE customer_id = ?2")
                            .setParameter(1, targetId).setParameter(2, sourceId).executeUpdate()))
                    .chain(() -> audit.record(actor, "customer.merged", targetId.toString(),
                            Map.of("source", sourceId.toString(), "reason", reason)))
                    .chain(() -> events.customer(ConversationEvents.CUSTOMER_LINKED,
                            new ConversationEvents.CustomerData(targetId, null, null, null, "manual")));
        }))).chain(() -> get(targetId));
    }

    /** Splits one identity (with its messages) off into a new customer. */
    Uni<Views.CustomerView> unlink(UUID customerId, UUID identityId, String reason, String actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() -> customer(customerId).chain(customer -> IdentityEntity
                .<IdentityEntity> list("customerId", customerId).chain(identities -> {
                    IdentityEntity identity = identities.stream().filter(i -> i.id.equals(identityId)).findFirst()
                            .orElseThrow(() -> ProblemException.notFound("Identity " + identityId + " of customer "
                                    + customerId));
                    if (identities.size() == 1) {
                        throw ProblemException.conflict("Identity " + identityId + " is the customer's only one");
                    }
                    CustomerEntity split = new CustomerEntity();
                    split.id = UUID.randomUUID();
                    split.displayName = identity.displayName;
                    split.username = identity.username;
                    split.phone = identity.phone;
                    split.email = identity.email;
                    split.createdAt = now;
                    split.updatedAt = now;
                    identity.customerId = split.id;
                    return split.persist().chain(Panache::flush)
                            .chain(() -> MessageEntity.update("customerId = ?1 where identityId = ?2", split.id,
                                    identityId))
                            .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                    "UPDATE sessions s SET customer_id = ?1 WHERE s.customer_id = ?2"
                                            + " AND EXISTS (SELECT 1 FROM messages m WHERE m.session_id = s.id)"
                                            + " AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.session_id = s.id"
                                            + " AND m.identity_id IS DISTINCT FROM ?3)")
                                    .setParameter(1, split.id).setParameter(2, customerId).setParameter(3, identityId)
                                    .executeUpdate()))
                            .chain(() -> audit.record(actor, "customer.unlinked", customerId.toString(),
                                    Map.of("identity", identityId.toString(), "newCustomer", split.id.toString(),
                                            "reason", reason)))
                            .chain(() -> events.customer(ConversationEvents.CUSTOMER_UNLINKED,
                                    new ConversationEvents.CustomerData(split.id, identityId, identity.channelId,
                                            null, "manual")));
                }))).chain(() -> get(customerId));
    }

    private Uni<Void> closeSourceSessionIfBothOpen(UUID targetId, UUID sourceId, OffsetDateTime now) {
        return SessionEntity.count("customerId = ?1 and state = ?2", targetId, SessionState.OPEN)
                .chain(targetOpen -> targetOpen == 0 ? Uni.createFrom().voidItem()
                        : SessionEntity.<SessionEntity> find("customerId = ?1 and state = ?2", sourceId,
                                SessionState.OPEN).firstResult()
                                .chain(open -> open == null ? Uni.createFrom().voidItem()
                                        : sessions.close(open, "merged into customer " + targetId, now)
                                                .replaceWithVoid()));
    }

    private static Uni<CustomerEntity> customer(UUID id) {
        return CustomerEntity.<CustomerEntity> findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer " + id))
                .invoke(c -> {
                    if (c.mergedInto != null) {
                        throw ProblemException.conflict("Customer " + id + " was merged into " + c.mergedInto);
                    }
                });
    }
}

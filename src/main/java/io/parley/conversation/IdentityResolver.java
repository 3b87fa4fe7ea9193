package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.Sender;
import io.parley.channel.spi.VerifiedIdentifier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Maps a channel identity to a customer. A new identity joins an existing customer only through an identifier the
 * channel verified (signed app user id, confirmed email or phone); otherwise it becomes a new customer. Names never
 * link anyone.
 */
@ApplicationScoped
class IdentityResolver {

    /** The identity and its customer; {@code createdCustomer}/{@code linkedVia} say what changed. */
    record Resolution(IdentityEntity identity, boolean createdCustomer, String linkedVia) {
    }

    private final ConversationEvents events;

    IdentityResolver(ConversationEvents events) {
        this.events = events;
    }

    Uni<Resolution> resolve(UUID channelId, String channelType, Sender sender, OffsetDateTime now) {
        return IdentityEntity.<IdentityEntity> find("channelId = ?1 and externalUserId = ?2", channelId,
                sender.externalUserId()).firstResult()
                .chain(existing -> existing != null
                        ? refresh(existing, sender).map(identity -> new Resolution(identity, false, null))
                        : create(channelId, channelType, sender, now));
    }

    private Uni<IdentityEntity> refresh(IdentityEntity identity, Sender sender) {
        copyProfile(identity, sender);
        return remember(identity.customerId, sender.verified()).replaceWith(identity);
    }

    private Uni<Resolution> create(UUID channelId, String channelType, Sender sender, OffsetDateTime now) {
        return customerByVerified(sender.verified()).chain(match -> {
            IdentityEntity identity = new IdentityEntity();
            identity.id = UUID.randomUUID();
            identity.channelId = channelId;
            identity.externalUserId = sender.externalUserId();
            identity.createdAt = now;
            copyProfile(identity, sender);
            if (match != null) {
                identity.customerId = match.customerId();
                return identity.persist().chain(Panache::flush)
                        .chain(() -> remember(match.customerId(), sender.verified()))
                        .chain(() -> events.customer(ConversationEvents.CUSTOMER_LINKED,
                                new ConversationEvents.CustomerData(match.customerId(), identity.id, channelId,
                                        channelType, match.kind())))
                        .replaceWith(new Resolution(identity, false, match.kind()));
            }
            CustomerEntity customer = new CustomerEntity();
            customer.id = UUID.randomUUID();
            customer.displayName = sender.displayName();
            customer.username = sender.username();
            customer.phone = sender.phone();
            customer.email = sender.email();
            customer.createdAt = now;
            customer.updatedAt = now;
            identity.customerId = customer.id;
            return customer.persist().chain(identity::persist).chain(Panache::flush)
                    .chain(() -> remember(customer.id, sender.verified()))
                    .chain(() -> events.customer(ConversationEvents.CUSTOMER_CREATED,
                            new ConversationEvents.CustomerData(customer.id, identity.id, channelId, channelType,
                                    null)))
                    .replaceWith(new Resolution(identity, true, null));
        });
    }

    private record Match(UUID customerId, String kind) {
    }

    private Uni<Match> customerByVerified(List<VerifiedIdentifier> verified) {
        Uni<Match> result = Uni.createFrom().nullItem();
        for (VerifiedIdentifier id : verified) {
            result = result.chain(found -> found != null ? Uni.createFrom().item(found)
                    : Panache.getSession().chain(s -> s.createNativeQuery(
                            "SELECT c.id FROM customer_verified_ids v JOIN customers c ON c.id = v.customer_id"
                                    + " WHERE v.kind = ?1 AND v.value = ?2 AND c.merged_into IS NULL",
                            UUID.class).setParameter(1, id.kind()).setParameter(2, id.value())
                            .getResultList())
                            .map(rows -> rows.isEmpty() ? null : new Match(rows.get(0), id.kind())));
        }
        return result;
    }

    /** Records verified identifiers for a customer; one already owned by another customer is left alone. */
    private Uni<Void> remember(UUID customerId, List<VerifiedIdentifier> verified) {
        Uni<Void> result = Uni.createFrom().voidItem();
        for (VerifiedIdentifier id : verified) {
            result = result.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                    "INSERT INTO customer_verified_ids (kind, value, customer_id) VALUES (?1, ?2, ?3)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter(1, id.kind()).setParameter(2, id.value()).setParameter(3, customerId)
                    .executeUpdate()).replaceWithVoid());
        }
        return result;
    }

    private static void copyProfile(IdentityEntity identity, Sender sender) {
        identity.displayName = firstNonNull(sender.displayName(), identity.displayName);
        identity.username = firstNonNull(sender.username(), identity.username);
        identity.phone = firstNonNull(sender.phone(), identity.phone);
        identity.email = firstNonNull(sender.email(), identity.email);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}

package io.parley.conversation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import io.parley.channel.runtime.OutboundCommand;
import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.common.outbox.Outbox;
import io.parley.common.problem.ProblemException;
import io.parley.reports.ReplyFacts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Stores an operator's reply and queues it for delivery through the outbox, in one transaction: a reply is either
 * stored and on its way, or neither. A repeated client key returns the first reply.
 */
@ApplicationScoped
class ReplyService {

    /** The author of Parley's own replies. */
    static final String AUTOMATIC = "parley";

    /** The stored reply and whether this call created it. */
    record Reply(MessageEntity message, boolean created) {
    }

    private final SessionAccess access;
    private final Outbox outbox;
    private final ReplyFacts facts;

    ReplyService(SessionAccess access, Outbox outbox, ReplyFacts facts) {
        this.access = access;
        this.outbox = outbox;
        this.facts = facts;
    }

    Uni<Reply> reply(UUID sessionId, ReplyRequest request, SecurityIdentity who) {
        List<Attachment> attachments = request.attachments() == null ? List.of()
                : request.attachments().stream().map(a -> new Attachment(a.url(), a.name(), a.mediaType(), a.size()))
                        .toList();
        if ((request.text() == null || request.text().isBlank()) && attachments.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalidField("text", "a reply needs text or attachments"));
        }
        String author = who.getPrincipal().getName();
        return Panache.withTransaction(() -> access.session(sessionId, who).chain(session -> existing(sessionId,
                author, request.clientKey())
                .chain(existing -> existing != null ? Uni.createFrom().item(new Reply(existing, false))
                        : create(session, request, attachments, author))))
                .onFailure(ReplyService::sameKeyRace).recoverWithUni(() -> Panache.withSession(
                        () -> existing(sessionId, author, request.clientKey()).map(first -> new Reply(first, false))));
    }

    private static Uni<MessageEntity> existing(UUID sessionId, String author, String clientKey) {
        return MessageEntity.<MessageEntity> find("sessionId = ?1 and author = ?2 and clientKey = ?3", sessionId,
                author, clientKey).firstResult();
    }

    /** The same client key sent twice at once: the second insert lost on the unique index, the first reply stands. */
    private static boolean sameKeyRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && "messages_client_key".equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves the session's last activity forward without a version check: concurrent replies to one session all
     * succeed, and only changes of state (assign, transfer, close) compete on the session's version.
     */
    private static Uni<Void> touch(UUID sessionId, OffsetDateTime now) {
        return SessionEntity.update("lastActivityAt = ?1 where id = ?2 and lastActivityAt < ?1", now, sessionId)
                .replaceWithVoid();
    }

    /**
     * Parley's own reply (author {@code parley}) in the caller's transaction, once per {@code key}: e.g. the queue's
     * closing message.
     */
    Uni<Void> automatic(SessionEntity session, String text, String key) {
        return existing(session.id, AUTOMATIC, key).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                : create(session, new ReplyRequest(text, List.of(), key, null), List.of(), AUTOMATIC).replaceWithVoid());
    }

    private Uni<Reply> create(SessionEntity session, ReplyRequest request, List<Attachment> attachments,
            String author) {
        if (session.state != SessionState.OPEN) {
            return Uni.createFrom().failure(ProblemException.conflict("Session " + session.id + " is closed"));
        }
        UUID channelId = request.channelId() != null ? request.channelId() : session.lastChannelId;
        return MessageEntity.<MessageEntity> find(
                "customerId = ?1 and channelId = ?2 and direction = ?3 order by sentAt desc, seq desc", session.customerId,
                channelId, Direction.IN).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.invalidField("channelId",
                        "the customer has not written through this channel"))
                .chain(last -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    MessageEntity message = new MessageEntity();
                    message.id = UUID.randomUUID();
                    message.sessionId = session.id;
                    message.customerId = session.customerId;
                    message.identityId = last.identityId;
                    message.channelId = channelId;
                    message.channelType = last.channelType;
                    message.externalChatId = last.externalChatId;
                    message.direction = Direction.OUT;
                    message.author = author;
                    message.clientKey = request.clientKey();
                    message.text = request.text();
                    message.attachments = attachments;
                    message.deliveryStatus = DeliveryStatus.PENDING;
                    message.sentAt = now;
                    OutboundCommand command = new OutboundCommand(message.id, session.id, session.customerId,
                            channelId, last.externalChatId, message.text, attachments, last.externalId, List.of());
                    return message.persist()
                            .chain(() -> touch(session.id, now))
                            .chain(() -> outbox.append(OutboundCommand.TOPIC, session.id.toString(), command))
                            .chain(() -> facts.replied(session.id, author))
                            .replaceWith(new Reply(message, true));
                });
    }
}

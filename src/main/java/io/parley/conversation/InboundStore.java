package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.InboundEnvelope;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;
import io.parley.channel.spi.VerifiedIdentifier;
import io.parley.metrics.ParleyMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores an inbound customer message in one transaction: dedupe → thread ({@link ThreadResolver}) → channel identity
 * and customer → session (continue, reopen or open; see {@link SessionState}) → message → events →
 * {@link InboundTriage} (classification, spam, menu bot), which may close the session. This is the pipeline's hot path, so it
 * talks SQL directly: a known customer with
 * an open session costs three round trips, plus triage's (two for classification).
 * <p>
 * A new identity joins an existing customer only through an identifier its channel verified (a signed app user id, a
 * confirmed email or phone), or by answering a message of that customer's conversation (a reference to a stored
 * provider id, e.g. a colleague replying to Parley's mail); names never link anyone. A message that continues a thread
 * goes to the thread's customer: to their open session, else it reopens the thread's session within the reopen
 * window, else it opens a new session for them.
 */
@ApplicationScoped
class InboundStore {

    private static final String LOOKUP = """
            SELECT EXISTS (SELECT 1 FROM messages WHERE channel_id = $1 AND direction = 'IN' AND external_id = $3)
                       AS seen,
                   i.id AS identity_id, i.customer_id, i.unreachable, s.id AS session_id
            FROM (SELECT 1) AS one
            LEFT JOIN channel_identities i ON i.channel_id = $1 AND i.external_user_id = $2
            LEFT JOIN sessions s ON s.customer_id = i.customer_id AND s.state = 'OPEN'""";

    private static final String STORE = """
            WITH touch AS (UPDATE sessions SET last_activity_at = $1, last_channel_id = $2, last_chat_id = $3
                           WHERE id = $4)
            INSERT INTO messages (id, session_id, customer_id, identity_id, channel_id, channel_type,
                                  external_chat_id, external_id, direction, text, attachments, sent_at, subject,
                                  thread_topic, has_html)
            VALUES ($5, $4, $6, $7, $2, $8, $3, $9, 'IN', $10, $11, $12, $13, $14, $15)""";

    /** The identity a message came from, its customer, and the customer's open session if any. */
    private record Known(UUID identityId, UUID customerId, UUID openSessionId) {
    }

    /** The session a message goes to, and whether the message opened or reopened it. */
    private record Target(UUID sessionId, boolean started) {
    }

    /** A closed session the message may reopen. */
    private record Closed(UUID sessionId, OffsetDateTime closedAt) {
    }

    private final Pool pool;
    private final ConversationEvents events;
    private final ConversationConfig config;
    private final InboundTriage triage;
    private final ThreadResolver threads;
    private final ParleyMetrics metrics;

    InboundStore(Pool pool, ConversationEvents events, ConversationConfig config, InboundTriage triage,
            ThreadResolver threads, ParleyMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
        this.events = events;
        this.config = config;
        this.triage = triage;
        this.threads = threads;
    }

    Uni<Void> received(InboundEnvelope envelope, InboundEvent.MessageReceived m, OffsetDateTime now) {
        return pool.withTransaction(c -> c.preparedQuery(LOOKUP)
                .execute(Tuple.of(envelope.channelId(), m.sender().externalUserId(), m.externalMessageId()))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getBoolean("seen")) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<ThreadResolver.Match> thread = m.threading().namesNothing() ? Uni.createFrom().nullItem()
                            : threads.resolve(c, envelope.channelId(), row.getUUID("customer_id"), m.threading(),
                                    now);
                    return thread.chain(match -> known(c, envelope, m.sender(), row, match, now)
                            .chain(k -> session(c, k, envelope, match, now)
                                    .chain(target -> store(c, envelope, m, k, target, now))))
                            .replaceWith(true);
                })).invoke(stored -> {
                    if (stored) {
                        metrics.messageIn(envelope.channelType());
                    }
                }).replaceWithVoid();
    }

    /** The sender's identity, and the customer (the thread's, when the message continues one) with an open session. */
    private Uni<Known> known(SqlConnection c, InboundEnvelope envelope, Sender sender, Row row,
            ThreadResolver.Match thread, OffsetDateTime now) {
        UUID identityId = row.getUUID("identity_id");
        UUID customerId = row.getUUID("customer_id");
        if (identityId == null) {
            return thread == null ? newIdentity(c, envelope, sender, now)
                    : threadIdentity(c, envelope, sender, thread,
                            now);
        }
        Uni<Void> refreshed = refresh(c, identityId, customerId, sender,
                Boolean.TRUE.equals(row.getBoolean("unreachable")));
        if (thread == null || thread.customerId().equals(customerId)) {
            return refreshed.replaceWith(new Known(identityId, customerId, row.getUUID("session_id")));
        }
        return refreshed.chain(() -> openSession(c, thread))
                .map(open -> new Known(identityId, thread.customerId(), open));
    }

    /** A new identity that answered a message of an existing customer's conversation joins that customer. */
    private Uni<Known> threadIdentity(SqlConnection c, InboundEnvelope envelope, Sender sender,
            ThreadResolver.Match thread, OffsetDateTime now) {
        UUID identityId = UUID.randomUUID();
        return insertIdentity(c, identityId, envelope, sender, thread.customerId(), now)
                .chain(() -> events.customer(c, ConversationEvents.CUSTOMER_LINKED,
                        new ConversationEvents.CustomerData(thread.customerId(), identityId, envelope.channelId(),
                                envelope.channelType(), "thread")))
                .chain(() -> openSession(c, thread))
                .map(open -> new Known(identityId, thread.customerId(), open));
    }

    private static Uni<UUID> openSession(SqlConnection c, ThreadResolver.Match thread) {
        if (thread.open()) {
            return Uni.createFrom().item(thread.sessionId());
        }
        return c.preparedQuery("SELECT id FROM sessions WHERE customer_id = $1 AND state = 'OPEN'")
                .execute(Tuple.of(thread.customerId()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("id") : null);
    }

    private Uni<Void> store(SqlConnection c, InboundEnvelope envelope, InboundEvent.MessageReceived m, Known known,
            Target target, OffsetDateTime now) {
        UUID sessionId = target.sessionId();
        UUID messageId = UUID.randomUUID();
        Tuple values = Tuple.from(Arrays.asList(now, envelope.channelId(), m.externalChatId(), sessionId, messageId,
                known.customerId(), known.identityId(), envelope.channelType(), m.externalMessageId()))
                .addValue(m.text())
                .addValue(AttachmentsConverter.toJson(m.attachments()))
                .addValue(m.occurredAt().atOffset(now.getOffset()))
                .addValue(m.subject())
                .addValue(m.threading().topic())
                .addValue(m.html() != null);
        Uni<Void> html = m.html() == null ? Uni.createFrom().voidItem()
                : c.preparedQuery("INSERT INTO message_html (message_id, html) VALUES ($1, $2)")
                        .execute(Tuple.of(messageId, m.html())).replaceWithVoid();
        ConversationEvents.MessageData data = new ConversationEvents.MessageData(messageId, sessionId,
                known.customerId(), envelope.channelId(), envelope.channelType(), Direction.IN.name(),
                m.externalMessageId(), m.text(), m.subject(), m.attachments(), null, null);
        InboundTriage.Inbound stored = new InboundTriage.Inbound(messageId, sessionId, known.customerId(),
                known.identityId(), envelope.channelId(), envelope.channelType(), m.externalChatId(), m.text(),
                m.sender(), target.started(), now, m.externalMessageId(), m.subject());
        return Uni.combine().all()
                .unis(c.preparedQuery(STORE).execute(values).chain(() -> html),
                        events.message(c, ConversationEvents.MESSAGE_RECEIVED, data))
                .discardItems()
                .chain(() -> triage.triage(c, stored))
                .chain(outcome -> outcome.closeReason() == null ? Uni.createFrom().voidItem()
                        : close(c, stored, outcome.closeReason()));
    }

    /** Closes a session that triage finished (e.g. the menu bot answered the question). */
    private Uni<Void> close(SqlConnection c, InboundTriage.Inbound stored, String reason) {
        return c.preparedQuery("UPDATE sessions SET state = 'CLOSED', closed_at = $2, close_reason = $3,"
                + " version = version + 1 WHERE id = $1").execute(Tuple.of(stored.sessionId(), stored.now(), reason))
                .chain(() -> c.preparedQuery("UPDATE routing_tasks SET state = 'DONE', updated_at = $2"
                        + " WHERE session_id = $1").execute(Tuple.of(stored.sessionId(), stored.now())))
                .chain(() -> events.session(c, ConversationEvents.SESSION_CLOSED, new ConversationEvents.SessionData(
                        stored.sessionId(), stored.customerId(), stored.channelId(), reason)));
    }

    /**
     * The customer's open session; else the closed session to reopen within the reopen window (the thread's, or the
     * customer's latest); else a new one.
     */
    private Uni<Target> session(SqlConnection c, Known known, InboundEnvelope envelope, ThreadResolver.Match thread,
            OffsetDateTime now) {
        if (known.openSessionId() != null) {
            return Uni.createFrom().item(new Target(known.openSessionId(), false));
        }
        Uni<Closed> candidate = thread != null ? Uni.createFrom().item(new Closed(thread.sessionId(), thread.closedAt()))
                : c.preparedQuery("SELECT id, closed_at FROM sessions WHERE customer_id = $1 AND state = 'CLOSED'"
                        + " ORDER BY closed_at DESC LIMIT 1").execute(Tuple.of(known.customerId()))
                        .map(rows -> rows.iterator().hasNext() ? new Closed(rows.iterator().next().getUUID("id"),
                                rows.iterator().next().getOffsetDateTime("closed_at")) : null);
        return candidate
                .chain(last -> {
                    if (last != null && last.closedAt() != null
                            && last.closedAt().isAfter(now.minus(config.reopenWindow()))) {
                        UUID id = last.sessionId();
                        return c.preparedQuery("UPDATE sessions SET state = 'OPEN', closed_at = NULL,"
                                + " close_reason = NULL, reopen_count = reopen_count + 1, version = version + 1,"
                                + " assignee = NULL WHERE id = $1 RETURNING (SELECT assignee FROM sessions WHERE id = $1)"
                                + " AS previous").execute(Tuple.of(id))
                                .chain(updated -> needsOperator(c, id, envelope, updated.iterator().next()
                                        .getString("previous"), now))
                                .chain(() -> events.session(c, ConversationEvents.SESSION_REOPENED,
                                        new ConversationEvents.SessionData(id, known.customerId(),
                                                envelope.channelId(), null)))
                                .replaceWith(new Target(id, true));
                    }
                    UUID id = UUID.randomUUID();
                    return c.preparedQuery("INSERT INTO sessions (id, customer_id, state, opened_at,"
                            + " last_activity_at) VALUES ($1, $2, 'OPEN', $3, $3)")
                            .execute(Tuple.of(id, known.customerId(), now))
                            .chain(() -> needsOperator(c, id, envelope, null, now))
                            .chain(() -> events.session(c, ConversationEvents.SESSION_OPENED,
                                    new ConversationEvents.SessionData(id, known.customerId(), envelope.channelId(),
                                            null)))
                            .replaceWith(new Target(id, true));
                });
    }

    /**
     * Hands an opened or reopened session to routing: a waiting task with what rules may look at, and the operator it
     * had before (a reopened session goes back to them when they are available).
     */
    private Uni<Void> needsOperator(SqlConnection c, UUID sessionId, InboundEnvelope envelope, String previous,
            OffsetDateTime now) {
        JsonObject attributes = new JsonObject().put("conversation", new JsonObject()
                .put("channel", envelope.channelType())
                .put("channelId", envelope.channelId().toString())
                .put("sessionId", sessionId.toString()));
        return c.preparedQuery("""
                INSERT INTO routing_tasks (session_id, state, channel_kind, attributes, preferred_operator, entered_at,
                                           updated_at)
                VALUES ($1, 'WAITING', $2, $3::jsonb, $4, $5, $5)
                ON CONFLICT (session_id) DO UPDATE SET state = 'WAITING', queue = NULL, step = 0,
                    step_timeout_at = NULL, assignee = NULL, attributes = EXCLUDED.attributes,
                    preferred_operator = EXCLUDED.preferred_operator, entered_at = EXCLUDED.entered_at,
                    updated_at = EXCLUDED.updated_at""")
                .execute(
                        Tuple.from(Arrays.asList(sessionId, ChannelKinds.of(envelope.channelType()), attributes,
                                previous, now)))
                .replaceWithVoid();
    }

    private Uni<Known> newIdentity(SqlConnection c, InboundEnvelope envelope, Sender sender, OffsetDateTime now) {
        UUID identityId = UUID.randomUUID();
        return customerByVerified(c, sender.verified(), 0).chain(match -> {
            Uni<UUID> customer;
            if (match != null) {
                customer = Uni.createFrom().item(match.getUUID("customer_id"));
            } else {
                UUID id = UUID.randomUUID();
                customer = c.preparedQuery("INSERT INTO customers (id, display_name, username, phone, email,"
                        + " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)")
                        .execute(Tuple.from(Arrays.asList(id, sender.displayName(), sender.username(),
                                sender.phone(), sender.email(), now)))
                        .replaceWith(id);
            }
            return customer.chain(customerId -> insertIdentity(c, identityId, envelope, sender, customerId, now)
                    .chain(() -> events.customer(c, match != null ? ConversationEvents.CUSTOMER_LINKED
                            : ConversationEvents.CUSTOMER_CREATED,
                            new ConversationEvents.CustomerData(customerId, identityId, envelope.channelId(),
                                    envelope.channelType(), match != null ? match.getString("kind") : null)))
                    .chain(() -> match == null ? Uni.createFrom().item(new Known(identityId, customerId, null))
                            : c.preparedQuery("SELECT id FROM sessions WHERE customer_id = $1 AND state = 'OPEN'")
                                    .execute(Tuple.of(customerId))
                                    .map(rows -> new Known(identityId, customerId,
                                            rows.iterator().hasNext() ? rows.iterator().next().getUUID("id")
                                                    : null))));
        });
    }

    private static Uni<Void> insertIdentity(SqlConnection c, UUID identityId, InboundEnvelope envelope, Sender sender,
            UUID customerId, OffsetDateTime now) {
        return c.preparedQuery("INSERT INTO channel_identities (id, channel_id, external_user_id, customer_id,"
                + " display_name, username, phone, email, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(identityId, envelope.channelId(), sender.externalUserId(),
                        customerId, sender.displayName(), sender.username(), sender.phone(), sender.email(), now)))
                .chain(() -> remember(c, customerId, sender.verified()));
    }

    /** The first live customer owning one of the verified identifiers, or null. */
    private Uni<Row> customerByVerified(SqlConnection c, List<VerifiedIdentifier> verified, int index) {
        if (index >= verified.size()) {
            return Uni.createFrom().nullItem();
        }
        VerifiedIdentifier id = verified.get(index);
        return c.preparedQuery("SELECT v.customer_id, v.kind FROM customer_verified_ids v JOIN customers c"
                + " ON c.id = v.customer_id WHERE v.kind = $1 AND v.value = $2 AND c.merged_into IS NULL")
                .execute(Tuple.of(id.kind(), id.value()))
                .chain(rows -> rows.iterator().hasNext() ? Uni.createFrom().item(rows.iterator().next())
                        : customerByVerified(c, verified, index + 1));
    }

    /**
     * Brings a known identity up to date: its profile, its reachability (a customer who writes again can be written
     * to again, whatever a provider said before), the verified identifiers, the customer's name when they had none
     * (a VK customer taken in before VK told their name), and the customer's phone and email when the channel
     * verified them (a Telegram contact the customer shared of themselves).
     */
    private Uni<Void> refresh(SqlConnection c, UUID identityId, UUID customerId, Sender sender, boolean unreachable) {
        boolean profile = sender.displayName() != null || sender.username() != null || sender.phone() != null
                || sender.email() != null;
        Uni<Void> update = !profile && !unreachable ? Uni.createFrom().voidItem()
                : c.preparedQuery("WITH identity AS (UPDATE channel_identities SET"
                        + " display_name = COALESCE($2, display_name), username = COALESCE($3, username),"
                        + " phone = COALESCE($4, phone), email = COALESCE($5, email), unreachable = FALSE"
                        + " WHERE id = $1)"
                        + " UPDATE customers SET display_name = $2::text, updated_at = now()"
                        + " WHERE id = $6 AND display_name IS NULL AND $2::text IS NOT NULL")
                        .execute(Tuple.from(Arrays.asList(identityId, sender.displayName(),
                                sender.username(), sender.phone(), sender.email(), customerId)))
                        .replaceWithVoid();
        return update.chain(() -> remember(c, customerId, sender.verified()))
                .chain(() -> verifiedContact(c, customerId, sender.verified()));
    }

    /** Sets a verified phone or email on the customer (it replaces an unverified one). */
    private static Uni<Void> verifiedContact(SqlConnection c, UUID customerId, List<VerifiedIdentifier> verified) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (VerifiedIdentifier id : verified) {
            String column = VerifiedIdentifier.PHONE.equals(id.kind()) ? "phone"
                    : VerifiedIdentifier.EMAIL.equals(id.kind()) ? "email" : null;
            if (column != null) {
                done = done.chain(() -> c.preparedQuery("UPDATE customers SET " + column + " = $2, updated_at = now()"
                        + " WHERE id = $1 AND " + column + " IS DISTINCT FROM $2")
                        .execute(Tuple.of(customerId, id.value())).replaceWithVoid());
            }
        }
        return done;
    }

    /** Records verified identifiers for a customer; one already owned by another customer is left alone. */
    private static Uni<Void> remember(SqlConnection c, UUID customerId, List<VerifiedIdentifier> verified) {
        if (verified.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        verified.forEach(id -> batch.add(Tuple.of(id.kind(), id.value(), customerId)));
        return c.preparedQuery("INSERT INTO customer_verified_ids (kind, value, customer_id) VALUES ($1, $2, $3)"
                + " ON CONFLICT DO NOTHING").executeBatch(batch).replaceWithVoid();
    }
}

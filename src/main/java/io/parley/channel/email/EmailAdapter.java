package io.parley.channel.email;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jboss.logging.Logger;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.Poller;
import io.parley.channel.spi.SendResult;
import io.parley.channel.spi.Sender;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A mailbox: polls IMAP (cursor {@code uidValidity:lastUid}; mail of the previous batch is moved to the processed
 * folder once the runtime stored the cursor past it) and answers by SMTP with threading headers. The chat is the
 * customer's address. Auto-replies, list and bulk mail are not taken in; delivery-status reports mark the bounced
 * reply failed. Jakarta Mail blocks, so all mail work runs on worker threads.
 */
class EmailAdapter implements Poller, MessageSender {

    static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(100_000, 10, 25L * 1024 * 1024, false,
            false, 5);
    private static final Logger LOG = Logger.getLogger(EmailAdapter.class);
    private static final int BATCH = 50;
    private static final int MAX_HTML = 200_000;
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private final ChannelContext context;
    private final EmailConfig config;
    private final Mailbox mailbox;
    /** When each channel's last poll found nothing, shared across adapter instances. */
    private final Map<UUID, Instant> idleSince;

    EmailAdapter(ChannelContext context, EmailConfig config, Mailbox mailbox, Map<UUID, Instant> idleSince) {
        this.context = context;
        this.config = config;
        this.mailbox = mailbox;
        this.idleSince = idleSince;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * Checks the inbox, or, while an empty inbox's poll interval has not passed, waits (at most {@link #MAX_WAIT}, well
     * within the runtime's poll lease) and returns an empty batch at the same cursor. In IDLE mode the mail server's
     * IDLE is the wait (at most {@link #MAX_WAIT} per poll), and the poll interval applies only when the server has no
     * IDLE.
     */
    @Override
    public Uni<Batch> poll(String cursor) {
        Instant idle = idleSince.get(context.channelId());
        Duration remaining = idle == null ? Duration.ZERO
                : Duration.between(Instant.now(), idle.plus(config.pollInterval()));
        if (remaining.isNegative() || remaining.isZero()) {
            return check(cursor);
        }
        Duration wait = remaining.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : remaining;
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                .chain(() -> wait.equals(remaining) ? check(cursor)
                        : Uni.createFrom().item(new Batch(List.of(),
                                cursor)));
    }

    private Uni<Batch> check(String cursor) {
        long[] position = cursor(cursor);
        return blocking(() -> mailbox.fetch(position[0], position[1], BATCH, config.idle() ? MAX_WAIT : null))
                .map(fetched -> {
                    if (fetched.mails().isEmpty() && !fetched.watched()) {
                        idleSince.put(context.channelId(), Instant.now());
                    } else {
                        idleSince.remove(context.channelId());
                    }
                    List<InboundEvent> events = new ArrayList<>();
                    fetched.mails().forEach(mail -> translate(mail, events));
                    return new Batch(events, fetched.uidValidity() + ":" + fetched.lastUid());
                });
    }

    @Override
    public Uni<SendResult> send(OutboundMessage message) {
        String messageId = "<" + message.messageId() + "@" + config.address().substring(config.address()
                .indexOf('@') + 1) + ">";
        return blocking(() -> {
            ParsedMail parent = message.inReplyTo() == null ? null : mailbox.find(message.inReplyTo());
            mailbox.send(Replies.compose(mailbox.session(), config, message, messageId, parent));
            return new SendResult(messageId);
        });
    }

    /** An attachment of a customer's mail, for {@link EmailFileResource}. */
    Uni<Mailbox.Content> attachment(String messageId, String path) {
        return blocking(() -> mailbox.attachment(messageId, path));
    }

    private void translate(ParsedMail mail, List<InboundEvent> events) {
        Instant at = mail.sentAt() == null ? context.clock().instant() : mail.sentAt();
        if (mail.bounce() != null) {
            if (mail.bounce().permanent()) {
                events.add(new InboundEvent.DeliveryStatusChanged(mail.bounce().originalMessageId(),
                        mail.bounce().recipient(), DeliveryStatus.FAILED, at, mail.bounce().reason()));
            }
            return;
        }
        if (mail.automatic()) {
            LOG.debugf("Automatic mail on channel %s not taken in", context.channelId());
            return;
        }
        Map<String, String> metadata = new HashMap<>();
        put(metadata, "email.inReplyTo", mail.inReplyTo());
        put(metadata, "email.references", mail.references());
        put(metadata, "email.fullText", mail.text());
        String base = context.publicBaseUrl() + "/api/email/" + context.channelId() + "/attachments/"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mail.messageId()
                        .getBytes(StandardCharsets.UTF_8))
                + "/";
        List<Attachment> attachments = mail.attachments().stream()
                .map(p -> new Attachment(base + p.path(), p.name(), p.mediaType(), p.size())).toList();
        Sender sender = new Sender(mail.from(), mail.fromName(), null, null, mail.from(), List.of());
        events.add(new InboundEvent.MessageReceived(mail.messageId(), mail.from(), sender,
                QuotedReplies.strip(mail.text()), attachments, at, metadata, mail.subject(),
                mail.html() == null || mail.html().length() > MAX_HTML ? null : mail.html(), Threads.of(mail)));
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }

    private static long[] cursor(String cursor) {
        if (cursor == null) {
            return new long[] { -1, 0 };
        }
        String[] parts = cursor.split(":");
        return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
    }

    /**
     * Runs mail work on a worker thread, types its failures, and completes on the caller's Vert.x context (the
     * runtime continues with database work there).
     */
    private <T> Uni<T> blocking(Callable<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> offloaded = Uni.createFrom().item(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new ChannelException(failure(e));
                }
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return caller == null ? offloaded : offloaded.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    private ChannelFailure failure(Exception e) {
        LOG.infof("Mail server call on channel %s failed: %s", context.channelId(), e.getClass().getSimpleName());
        if (e instanceof AuthenticationFailedException) {
            return new ChannelFailure.AuthenticationFailed("mail server refused the login");
        }
        if (e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0) {
            return new ChannelFailure.Permanent("recipient address refused", true);
        }
        if (e instanceof SMTPSendFailedException smtp && smtp.getReturnCode() >= 500) {
            return new ChannelFailure.Permanent("SMTP " + smtp.getReturnCode(), false);
        }
        if (e instanceof MessagingException || e instanceof java.io.IOException) {
            return new ChannelFailure.Retryable("mail server: " + e.getClass().getSimpleName());
        }
        return new ChannelFailure.Permanent("mail could not be built: " + e.getClass().getSimpleName(), false);
    }
}

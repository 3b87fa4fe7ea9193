package io.parley.channel.runtime;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.parley.metrics.ParleyMetrics;
import io.parley.metrics.ParleyMetrics.DeliveryFailure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Delivers replies from {@code parley.outbound} through their channel's adapter, in order per session and sessions in
 * parallel ({@link KeyedLanes}: a session waiting for a provider's per-chat limit or retry-after holds up no other):
 * spaces sends to the channel's rate, splits long texts, retries by failure type (backoff for retryable failures, the
 * provider's retry-after for rate limits), disables a channel whose credentials are refused, and dead-letters a message
 * after its last attempt. A record is acknowledged only after its outcome is stored; the throttled commit strategy
 * commits an offset only when every record before it is acknowledged.
 */
@ApplicationScoped
class OutboundDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboundDispatcher.class);

    private final ObjectMapper json;
    private final ChannelDirectory directory;
    private final SendRateLimiter limiter;
    private final DeliveryOutcomes outcomes;
    private final ChannelService channels;
    private final ChannelRuntimeConfig.Outbound config;
    private final ParleyMetrics metrics;
    private final KeyedLanes lanes = new KeyedLanes();

    OutboundDispatcher(ObjectMapper json, ChannelDirectory directory, SendRateLimiter limiter,
            DeliveryOutcomes outcomes, ChannelService channels, ChannelRuntimeConfig config, ParleyMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
        this.directory = directory;
        this.limiter = limiter;
        this.outcomes = outcomes;
        this.channels = channels;
        this.config = config.outbound();
    }

    /**
     * Hands the record to its session's lane and takes the next one at once, unless {@code max-in-flight} records are
     * being worked on: then it waits for this one.
     */
    @Incoming("outbound")
    Uni<Void> consume(Message<String> record) {
        OutboundCommand command;
        try {
            command = json.readValue(record.getPayload(), OutboundCommand.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("Unreadable outbound record sent to the dead-letter topic: %s", e.getOriginalMessage());
            return Uni.createFrom().completionStage(record.nack(e));
        }
        CompletableFuture<Void> done = lanes.submit(command.sessionId().toString(), () -> process(command)
                .chain(() -> Uni.createFrom().completionStage(record.ack()))
                .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(record.nack(e))));
        return lanes.inFlight() <= config.maxInFlight() ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(done);
    }

    private Uni<Void> process(OutboundCommand command) {
        return directory.resolve(command.channelId()).chain(channel -> {
            if (!channel.enabled()) {
                return giveUp(channel, command, "channel disabled: " + channel.disabledReason(), 0,
                        DeliveryFailure.CHANNEL_DISABLED);
            }
            if (!(channel.adapter() instanceof MessageSender sender)) {
                return giveUp(channel, command, "channel type " + channel.type() + " cannot send", 0,
                        DeliveryFailure.CANNOT_SEND);
            }
            return deliver(channel, sender, command, 1, 0);
        }).onFailure().invoke(e -> LOG.errorf(e, "Outbound message %s could not be processed; it goes to the"
                + " dead-letter topic", command.messageId()));
    }

    private Uni<Void> deliver(ResolvedChannel channel, MessageSender sender, OutboundCommand command, int attempt,
            int rateLimitedWaits) {
        Duration wait = limiter.reserve(channel.id(), sender.capabilities().sendRatePerSecond(), System.nanoTime());
        return pause(wait)
                .chain(() -> sendParts(sender, command))
                .chain(result -> Panache.withTransaction(() -> outcomes.sent(command, result.externalMessageId()))
                        .onFailure().transform(StoreFailure::new)
                        .invoke(() -> metrics.messageOut(channel.type())))
                .onFailure(e -> !(e instanceof StoreFailure)).recoverWithUni(e -> {
                    ChannelFailure failure = e instanceof ChannelException ce ? ce.failure()
                            : new ChannelFailure.Retryable(e.getClass().getSimpleName());
                    LOG.infof("Send of message %s on channel %s failed (attempt %d): %s", command.messageId(),
                            channel.id(), attempt, failure);
                    return switch (failure) {
                        case ChannelFailure.Retryable r when attempt < config.maxAttempts() -> pause(backoff(attempt))
                                .chain(() -> deliver(channel, sender, command, attempt + 1, rateLimitedWaits));
                        case ChannelFailure.Retryable r -> giveUp(channel, command, r.reason(), attempt,
                                DeliveryFailure.RETRIES_EXHAUSTED);
                        case ChannelFailure.Conflict c when attempt < config.maxAttempts() -> pause(backoff(attempt))
                                .chain(() -> deliver(channel, sender, command, attempt + 1, rateLimitedWaits));
                        case ChannelFailure.Conflict c -> giveUp(channel, command, c.reason(), attempt,
                                DeliveryFailure.RETRIES_EXHAUSTED);
                        case ChannelFailure.RateLimited r when r.retryAfter().compareTo(config.maxBackoff()) <= 0
                                && rateLimitedWaits < 10 * config.maxAttempts() ->
                            pause(r.retryAfter()).chain(() -> deliver(channel, sender, command, attempt, rateLimitedWaits + 1));
                        case ChannelFailure.RateLimited r -> giveUp(channel, command, r.reason(), attempt,
                                DeliveryFailure.RATE_LIMITED);
                        case ChannelFailure.Permanent p -> giveUp(channel, command, p.reason(), attempt,
                                p.contactUnreachable() ? DeliveryFailure.CONTACT_UNREACHABLE : DeliveryFailure.PERMANENT);
                        case ChannelFailure.AuthenticationFailed a -> channels
                                .disableBySystem(channel.id(), "credentials refused: " + a.reason())
                                .chain(() -> giveUp(channel, command, a.reason(), attempt,
                                        DeliveryFailure.AUTHENTICATION));
                    };
                });
    }

    /**
     * Sends the text in parts no longer than the channel allows; the first part carries the attachments, the last the
     * buttons. A channel without buttons gets them as numbered lines of text instead.
     */
    private Uni<SendResult> sendParts(MessageSender sender, OutboundCommand command) {
        boolean buttons = sender.capabilities().buttons();
        String text = buttons ? command.text() : ButtonText.append(command.text(), command.buttons());
        List<String> parts = TextSplitter.split(text, sender.capabilities().maxTextLength(),
                sender.capabilities().textUnit());
        Uni<SendResult> sent = null;
        for (int i = 0; i < parts.size(); i++) {
            String id = i == 0 ? command.messageId().toString() : command.messageId() + "-" + i;
            OutboundMessage message = new OutboundMessage(id, command.externalChatId(), parts.get(i),
                    i == 0 ? command.attachments() : List.of(), command.inReplyTo(),
                    buttons && i == parts.size() - 1 ? command.buttons() : List.of());
            sent = sent == null ? sender.send(message) : sent.call(() -> sender.send(message));
        }
        return sent;
    }

    private static Uni<Void> pause(Duration wait) {
        return wait.isZero() || wait.isNegative() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    }

    private Duration backoff(int attempt) {
        Duration delay = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private Uni<Void> giveUp(ResolvedChannel channel, OutboundCommand command, String reason, int attempts,
            DeliveryFailure kind) {
        boolean unreachable = kind == DeliveryFailure.CONTACT_UNREACHABLE;
        DeadLetterEntity letter = new DeadLetterEntity();
        letter.id = UUID.randomUUID();
        letter.channelId = command.channelId();
        letter.messageId = command.messageId();
        letter.recordKey = command.sessionId().toString();
        letter.payload = command;
        letter.failure = reason;
        letter.attempts = attempts;
        letter.createdAt = OffsetDateTime.now();
        return Panache.withTransaction(() -> letter.persist()
                .chain(() -> outcomes.failed(command, reason, unreachable)))
                .onFailure().transform(StoreFailure::new)
                .invoke(() -> metrics.deliveryFailure(channel.type(), kind));
    }

    /** Storing an outcome failed: the record is redelivered rather than resent blindly. */
    static final class StoreFailure extends RuntimeException {

        StoreFailure(Throwable cause) {
            super(cause);
        }
    }
}

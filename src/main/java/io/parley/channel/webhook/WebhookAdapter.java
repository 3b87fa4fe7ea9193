package io.parley.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;

import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.parley.channel.spi.WebhookReceiver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * An integrator's signed webhook channel. Inbound deliveries must carry a fresh timestamp and a valid signature
 * ({@link Signatures}); outbound replies are POSTed to the integrator's URL signed the same way, with the message id
 * as delivery id (the integrator's idempotency key: retries reuse it).
 */
class WebhookAdapter implements WebhookReceiver, MessageSender {

    static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(10_000, 10, 50L * 1024 * 1024, false,
            true, 50);
    private static final Logger LOG = Logger.getLogger(WebhookAdapter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ChannelContext context;
    private final WebhookConfig config;
    private final WebClient http;

    WebhookAdapter(ChannelContext context, WebhookConfig config, WebClient http) {
        this.context = context;
        this.config = config;
        this.http = http;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Uni<Result> receive(Request request) {
        return Uni.createFrom().item(() -> {
            authenticate(request);
            try {
                return new Result(List.of(InboundPayload.parse(request.body(), context.clock().instant())), 202,
                        "application/json", new JsonObject().put("accepted", 1).encode());
            } catch (InboundPayload.Invalid e) {
                return new Result(List.of(), 400, "application/problem+json", problem(e.field(), e.getMessage()));
            }
        });
    }

    private void authenticate(Request request) {
        String timestamp = request.headers().get(Signatures.TIMESTAMP.toLowerCase(Locale.ROOT));
        String signature = request.headers().get(Signatures.SIGNATURE.toLowerCase(Locale.ROOT));
        if (timestamp == null || signature == null) {
            throw refused("the " + Signatures.TIMESTAMP + " and " + Signatures.SIGNATURE + " headers are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw refused(Signatures.TIMESTAMP + " must be Unix seconds");
        }
        long skew = Math.abs(context.clock().instant().getEpochSecond() - seconds);
        if (skew > config.replayWindow().toSeconds()) {
            throw refused(Signatures.TIMESTAMP + " is outside the replay window of " + config.replayWindow()
                    .toSeconds() + " s");
        }
        if (!Signatures.valid(config.signingSecret(), timestamp.trim(), request.body(), signature)) {
            throw refused(Signatures.SIGNATURE + " does not match the body under the channel's signing secret");
        }
    }

    @Override
    public Uni<SendResult> send(OutboundMessage message) {
        byte[] body = payload(message).encode().getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(context.clock().instant().getEpochSecond());
        return http.postAbs(config.url().toString())
                .timeout(TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(Signatures.TIMESTAMP, timestamp)
                .putHeader(Signatures.SIGNATURE, Signatures.sign(config.signingSecret(), timestamp, body))
                .putHeader(Signatures.DELIVERY, message.messageId())
                .sendBuffer(Buffer.buffer(body))
                .onFailure().transform(e -> new ChannelException(new ChannelFailure.Retryable(
                        "integrator unreachable: " + e.getClass().getSimpleName())))
                .map(response -> outcome(message, response));
    }

    private SendResult outcome(OutboundMessage message, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        LOG.debugf("Webhook delivery %s on channel %s answered %d", message.messageId(), context.channelId(), status);
        if (status >= 200 && status < 300) {
            return new SendResult(message.messageId());
        }
        String reason = "integrator answered HTTP " + status;
        Duration retryAfter = retryAfter(response.getHeader("Retry-After"));
        ChannelFailure failure;
        if (status == 429 || (status == 503 && retryAfter != null)) {
            failure = new ChannelFailure.RateLimited(retryAfter == null ? Duration.ofSeconds(1) : retryAfter, reason);
        } else if (status == 408 || status >= 500) {
            failure = new ChannelFailure.Retryable(reason);
        } else if (status == 401 || status == 403) {
            failure = new ChannelFailure.AuthenticationFailed(reason);
        } else {
            failure = new ChannelFailure.Permanent(reason, status == 410);
        }
        throw new ChannelException(failure);
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private JsonObject payload(OutboundMessage message) {
        JsonArray attachments = new JsonArray();
        message.attachments().forEach(a -> attachments.add(new JsonObject().put("url", a.url()).put("name", a.name())
                .put("mediaType", a.mediaType()).put("size", a.size())));
        JsonArray buttons = new JsonArray();
        message.buttons().forEach(b -> buttons.add(new JsonObject().put("label", b.label()).put("payload", b.payload())));
        return new JsonObject()
                .put("deliveryId", message.messageId())
                .put("chatId", message.externalChatId())
                .put("text", message.text())
                .put("attachments", attachments)
                .put("buttons", buttons)
                .put("inReplyTo", message.inReplyTo())
                .put("timestamp", Instant.now(context.clock()).toString());
    }

    private static ChannelException refused(String reason) {
        return new ChannelException(new ChannelFailure.AuthenticationFailed(reason));
    }

    private static String problem(String field, String message) {
        return new JsonObject().put("type", "https://parley.dev/problems/validation").put("title", "Invalid request")
                .put("status", 400).put("detail", "Invalid value for: " + field)
                .put("errors", new JsonArray().add(new JsonObject().put("field", field).put("message", message)))
                .encode();
    }
}

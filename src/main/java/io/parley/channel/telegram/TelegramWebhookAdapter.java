package io.parley.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.WebhookReceiver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Webhook mode: {@code setWebhook} on activation (Parley's URL, the derived secret token, the update kinds Parley
 * reads); every delivery must carry the secret in {@code X-Telegram-Bot-Api-Secret-Token}. Telegram holds a chat's
 * further updates until it gets a 2xx, which the runtime sends as soon as the events are durably stored. An update
 * Parley cannot read (a field of the wrong type, no message id) is answered 200 too, dropped and counted: Telegram
 * would only retry it for hours and hold the chat meanwhile. A body that is not JSON is answered 400.
 */
final class TelegramWebhookAdapter extends TelegramAdapter implements WebhookReceiver {

    static final String SECRET_HEADER = "x-telegram-bot-api-secret-token";

    TelegramWebhookAdapter(ChannelContext context, TelegramConfig config, TelegramApi api,
            Map<String, Long> migratedChats, TelegramLimits limits, ChatPacer pacer) {
        super(context, config, api, migratedChats, limits, pacer);
    }

    @Override
    public Uni<Void> activate() {
        return api.call("setWebhook", new JsonObject()
                .put("url", context.publicBaseUrl() + "/webhooks/telegram/" + context.channelId())
                .put("secret_token", webhookSecret())
                .put("allowed_updates", ALLOWED_UPDATES)
                .put("max_connections", 40)).replaceWithVoid();
    }

    @Override
    public Uni<Void> deactivate() {
        return api.call("deleteWebhook", new JsonObject()).replaceWithVoid();
    }

    @Override
    public Uni<Result> receive(Request request) {
        return Uni.createFrom().item(() -> {
            String secret = request.headers().get(SECRET_HEADER);
            if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                    webhookSecret().getBytes(StandardCharsets.UTF_8))) {
                throw new ChannelException(new ChannelFailure.AuthenticationFailed(
                        "missing or wrong X-Telegram-Bot-Api-Secret-Token"));
            }
            JsonObject update;
            try {
                update = new JsonObject(new String(request.body(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new ChannelException(new ChannelFailure.Permanent("body: not a Telegram update", false));
            }
            Read read = read(List.of(update));
            return new Result(read.events(), 200, "text/plain", "", read.unusable());
        });
    }
}

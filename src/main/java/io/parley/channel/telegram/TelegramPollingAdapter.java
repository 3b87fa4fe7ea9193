package io.parley.channel.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.Poller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Long-polling mode, for installations without public HTTPS: activation deletes any webhook (Telegram refuses
 * {@code getUpdates} while one is set), then the runtime polls {@code getUpdates}. The cursor is the next
 * {@code offset} (last {@code update_id} + 1), which also confirms the earlier updates to Telegram.
 */
final class TelegramPollingAdapter extends TelegramAdapter implements Poller {

    TelegramPollingAdapter(ChannelContext context, TelegramConfig config, TelegramApi api,
            Map<String, Long> migratedChats, TelegramLimits limits, ChatPacer pacer) {
        super(context, config, api, migratedChats, limits, pacer);
    }

    @Override
    public Uni<Void> activate() {
        return api.call("deleteWebhook", new JsonObject().put("drop_pending_updates", false)).replaceWithVoid();
    }

    @Override
    public Uni<Void> deactivate() {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Batch> poll(String cursor) {
        JsonObject params = new JsonObject().put("timeout", config.pollTimeoutSeconds()).put("limit", 100)
                .put("allowed_updates", ALLOWED_UPDATES);
        if (cursor != null) {
            params.put("offset", Long.parseLong(cursor));
        }
        return api.call("getUpdates", params, Duration.ofSeconds(config.pollTimeoutSeconds() + 15L)).map(result -> {
            JsonArray updates = (JsonArray) result;
            long next = cursor == null ? 0 : Long.parseLong(cursor);
            for (Object item : updates) {
                if (item instanceof JsonObject update && update.getValue("update_id") instanceof Number id) {
                    next = Math.max(next, id.longValue() + 1);
                }
            }
            List<Object> items = new ArrayList<>();
            updates.forEach(items::add);
            Read read = read(items);
            return new Batch(read.events(), next == 0 ? cursor : String.valueOf(next), read.unusable());
        });
    }
}

package io.parley.channel.vk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Poller;
import io.parley.channel.spi.Unusable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Bots Long Poll mode: {@code groups.getLongPollServer} gives a server, a key and a starting {@code ts}; each poll waits
 * at the server for events after {@code ts}. The cursor is {@code ts}; the key stays in memory. {@code failed: 1}
 * continues from the new {@code ts}, {@code 2} fetches a new key, {@code 3} a new key and {@code ts}.
 */
final class VkLongPollAdapter extends VkAdapter implements Poller {

    /** A Long Poll server and key. */
    record Server(String url, String key) {
    }

    static final int WAIT_SECONDS = 25;

    private final Map<UUID, Server> servers;

    VkLongPollAdapter(ChannelContext context, VkConfig config, VkApi api, VkUploads uploads, VkNames names,
            Map<UUID, Server> servers) {
        super(context, config, api, uploads, names);
        this.servers = servers;
    }

    @Override
    public Uni<Batch> poll(String cursor) {
        Server known = servers.get(context.channelId());
        if (known == null || cursor == null) {
            return api.call("groups.getLongPollServer", Map.of("group_id", String.valueOf(config.groupId())))
                    .chain(response -> {
                        JsonObject fresh = (JsonObject) response;
                        servers.put(context.channelId(), new Server(fresh.getString("server"),
                                fresh.getString("key")));
                        return wait(cursor != null ? cursor : String.valueOf(fresh.getValue("ts")));
                    });
        }
        return wait(cursor);
    }

    private Uni<Batch> wait(String ts) {
        Server server = servers.get(context.channelId());
        return api.longPoll(server.url(), server.key(), ts, WAIT_SECONDS).<Batch> map(answer -> {
            int failed = answer.getInteger("failed", 0);
            if (failed == 1) {
                return new Batch(List.of(), String.valueOf(answer.getValue("ts")));
            }
            if (failed != 0) {
                servers.remove(context.channelId());
                return new Batch(List.of(), failed == 2 ? ts : null);
            }
            Instant now = context.clock().instant();
            Unusable<InboundEvent> read = Unusable.readEach(answer.getJsonArray("updates", new JsonArray()),
                    update -> VkEvents.translate((JsonObject) update, now).orElse(null));
            return new Batch(read.read(), String.valueOf(answer.getValue("ts")), read.reasons());
        }).chain(batch -> batch.events().isEmpty() ? Uni.createFrom().item(batch)
                : named(batch.events()).map(events -> new Batch(events, batch.nextCursor(), batch.unusable())));
    }
}

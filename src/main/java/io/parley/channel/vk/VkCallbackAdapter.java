package io.parley.channel.vk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Unusable;
import io.parley.channel.spi.WebhookReceiver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Callback API mode: VK POSTs events to {@code /webhooks/vk/{channelId}}. The confirmation request is answered with
 * the configured confirmation string; every other event must carry the community's id and the secret key, and is
 * answered {@code ok} once durably stored. An event for another community or with a wrong secret is not processed and
 * answered 403, as VK expects. An authentic event Parley cannot read is answered {@code ok} too, dropped and counted:
 * VK would only retry it and, after repeated failures, switch the server off. A body that is not JSON is answered 400. VK's
 * redeliveries ({@code X-Retry-Counter}) give the same message keys, so they change
 * nothing.
 */
final class VkCallbackAdapter extends VkAdapter implements WebhookReceiver {

    VkCallbackAdapter(ChannelContext context, VkConfig config, VkApi api, VkUploads uploads, VkNames names) {
        super(context, config, api, uploads, names);
    }

    @Override
    public Uni<Result> receive(Request request) {
        return Uni.createFrom().<Result> item(() -> {
            JsonObject event;
            try {
                event = new JsonObject(new String(request.body(), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new ChannelException(new ChannelFailure.Permanent("body: not a VK event", false));
            }
            if (!(event.getValue("group_id") instanceof Number group) || group.longValue() != config.groupId()) {
                return Result.refused(403, "text/plain", "forbidden", "group_id is not the channel's community");
            }
            if ("confirmation".equals(event.getValue("type"))) {
                return new Result(List.of(), 200, "text/plain", config.confirmation());
            }
            String secret = event.getValue("secret") instanceof String text ? text : "";
            if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                    config.secretKey().getBytes(StandardCharsets.UTF_8))) {
                return Result.refused(403, "text/plain", "forbidden", secret.isEmpty() ? "missing secret"
                        : "wrong secret");
            }
            Unusable<InboundEvent> read = Unusable.readEach(List.of(event),
                    one -> VkEvents.translate(one, context.clock().instant()).orElse(null));
            return new Result(read.read(), 200, "text/plain", "ok", read.reasons());
        }).chain(result -> result.events().isEmpty() ? Uni.createFrom().item(result)
                : named(result.events()).map(events -> new Result(events, result.status(), result.contentType(),
                        result.body(), result.unusable())));
    }
}

package io.parley.channel.vk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.Button;
import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.parley.channel.spi.TypingSender;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A VK community: sends with {@code messages.send}, whose {@code random_id} is derived from Parley's message id so a
 * retried send is not delivered twice; buttons become an inline keyboard; attachments are uploaded to VK first
 * ({@link VkUploads}) and sent as {@code attachment}, a file that cannot be fetched as a link in the text. Receiving is done by
 * its two modes, {@link VkCallbackAdapter}
 * and {@link VkLongPollAdapter}.
 */
abstract sealed class VkAdapter implements MessageSender, TypingSender permits VkCallbackAdapter, VkLongPollAdapter {

    static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(8000, 10, 50L * 1024 * 1024, false, true,
            20, ChannelCapabilities.TextUnit.CODE_POINTS);
    private static final int MAX_LABEL = 40;

    final ChannelContext context;
    final VkConfig config;
    final VkApi api;
    private final VkUploads uploads;
    private final VkNames names;

    VkAdapter(ChannelContext context, VkConfig config, VkApi api, VkUploads uploads, VkNames names) {
        this.context = context;
        this.config = config;
        this.api = api;
        this.uploads = uploads;
        this.names = names;
    }

    /** Shows "typing…" in the customer's dialog ({@code messages.setActivity}); VK shows it for about 10 s. */
    @Override
    public Uni<Void> typing(String externalChatId) {
        return api.call("messages.setActivity", Map.of("peer_id", externalChatId, "type", "typing", "group_id",
                String.valueOf(config.groupId()))).replaceWithVoid();
    }

    /**
     * Translated events completed with what VK leaves out: the senders' names ({@link VkNames}) and the sizes of photos
     * (asked with {@code HEAD}, in parallel, at most {@link VkApi#SIZE_TIMEOUT}; -1 when VK does not tell).
     */
    Uni<List<InboundEvent>> named(List<InboundEvent> events) {
        return names.named(api, config.groupId(), events, context.clock().instant()).chain(this::sized);
    }

    private Uni<List<InboundEvent>> sized(List<InboundEvent> events) {
        List<Uni<InboundEvent>> completed = new ArrayList<>();
        for (InboundEvent event : events) {
            if (!(event instanceof InboundEvent.MessageReceived m)
                    || m.attachments().stream().noneMatch(a -> a.size() < 0 && "photo.jpg".equals(a.name()))) {
                completed.add(Uni.createFrom().item(event));
                continue;
            }
            List<Uni<Attachment>> files = m.attachments().stream().map(a -> a.size() >= 0
                    || !"photo.jpg".equals(a.name()) ? Uni.createFrom().item(a)
                            : api.contentLength(a.url()).map(size -> new Attachment(a.url(), a.name(), a.mediaType(),
                                    size)))
                    .toList();
            completed.add(Uni.join().all(files).andFailFast().map(sized -> (InboundEvent) new InboundEvent.MessageReceived(
                    m.externalMessageId(), m.externalChatId(), m.sender(), m.text(), sized, m.occurredAt(),
                    m.metadata(), m.subject(), m.html(), m.threading())));
        }
        return Uni.join().all(completed).andFailFast();
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Uni<SendResult> send(OutboundMessage message) {
        Uni<List<String>> uploaded = Uni.createFrom().item(new ArrayList<>());
        for (Attachment attachment : message.attachments()) {
            uploaded = uploaded.chain(ids -> uploads.upload(message.externalChatId(), attachment).map(id -> {
                ids.add(id);
                return ids;
            }));
        }
        return uploaded.chain(ids -> send(message, ids));
    }

    /** Sends the text with the uploaded files; a file that could not be uploaded (null id) goes as its link. */
    private Uni<SendResult> send(OutboundMessage message, List<String> attachmentIds) {
        StringBuilder text = new StringBuilder(message.text() == null ? "" : message.text());
        List<String> attached = new ArrayList<>();
        for (int i = 0; i < attachmentIds.size(); i++) {
            if (attachmentIds.get(i) == null) {
                text.append(text.isEmpty() ? "" : "\n").append(message.attachments().get(i).url());
            } else {
                attached.add(attachmentIds.get(i));
            }
        }
        Map<String, String> params = new HashMap<>(Map.of("peer_id", message.externalChatId(), "random_id",
                String.valueOf(randomId(message.messageId())), "message", text.toString()));
        if (!attached.isEmpty()) {
            params.put("attachment", String.join(",", attached));
        }
        if (!message.buttons().isEmpty()) {
            params.put("keyboard", keyboard(message.buttons()).encode());
        }
        return api.call("messages.send", params).map(response -> {
            if (!(response instanceof Number id)) {
                throw new ChannelException(new ChannelFailure.Retryable("VK answered messages.send unexpectedly"));
            }
            return new SendResult(message.externalChatId() + ":" + id.longValue());
        });
    }

    /** A positive 31-bit id that is the same for every attempt of one message. */
    static int randomId(String messageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            int id = ((digest[0] & 0x7f) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** An inline keyboard: one button per row (two per row beyond six buttons); VK allows ten inline buttons. */
    private static JsonObject keyboard(List<Button> buttons) {
        int perRow = buttons.size() <= 6 ? 1 : 2;
        JsonArray rows = new JsonArray();
        JsonArray row = new JsonArray();
        for (Button button : buttons.subList(0, Math.min(10, buttons.size()))) {
            String label = button.label().length() > MAX_LABEL ? button.label().substring(0, MAX_LABEL - 1) + "…"
                    : button.label();
            row.add(new JsonObject().put("action", new JsonObject().put("type", "text").put("label", label)
                    .put("payload", new JsonObject().put("p", button.payload()).encode())));
            if (row.size() == perRow) {
                rows.add(row);
                row = new JsonArray();
            }
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return new JsonObject().put("inline", true).put("buttons", rows);
    }
}

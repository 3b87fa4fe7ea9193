package io.parley.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

import io.parley.channel.spi.Activatable;
import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.ChannelCapabilities;
import io.parley.channel.spi.ChannelContext;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.MessageSender;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.SendResult;
import io.parley.channel.spi.TypingSender;
import io.parley.channel.spi.Unusable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * A Telegram bot: sends text (with inline keyboards for buttons), photos and documents by URL; answers pressed buttons;
 * serves files through {@code getFile}. Receiving is done by its two modes, {@link TelegramWebhookAdapter} and
 * {@link TelegramPollingAdapter}. A group that became a supergroup is remapped to its new chat id and the send
 * repeated there. Messages to one chat are spaced by {@link TelegramLimits} ({@link ChatPacer}).
 */
abstract sealed class TelegramAdapter implements MessageSender, TypingSender, Activatable
        permits TelegramWebhookAdapter, TelegramPollingAdapter {

    /** The largest file the Bot API lets bots download. */
    static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;
    static final JsonArray ALLOWED_UPDATES = new JsonArray(
            List.of("message", "edited_message", "callback_query", "my_chat_member"));
    private static final Logger LOG = Logger.getLogger(TelegramAdapter.class);

    final ChannelContext context;
    final TelegramConfig config;
    final TelegramApi api;
    private final Map<String, Long> migratedChats;
    private final TelegramLimits limits;
    private final ChatPacer pacer;

    TelegramAdapter(ChannelContext context, TelegramConfig config, TelegramApi api, Map<String, Long> migratedChats,
            TelegramLimits limits, ChatPacer pacer) {
        this.context = context;
        this.config = config;
        this.api = api;
        this.migratedChats = migratedChats;
        this.limits = limits;
        this.pacer = pacer;
    }

    static ChannelCapabilities capabilities(TelegramLimits limits) {
        return new ChannelCapabilities(4096, 10, 50L * 1024 * 1024, false, true, limits.botMessagesPerSecond(),
                ChannelCapabilities.TextUnit.UTF16_CODE_UNITS);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return capabilities(limits);
    }

    @Override
    public Uni<SendResult> send(OutboundMessage message) {
        Uni<Long> sent = null;
        if (message.text() != null && !message.text().isBlank()) {
            JsonObject params = new JsonObject().put("text", message.text());
            if (!message.buttons().isEmpty()) {
                JsonArray rows = new JsonArray();
                message.buttons().forEach(b -> rows.add(new JsonArray().add(new JsonObject()
                        .put("text", b.label()).put("callback_data", b.payload()))));
                params.put("reply_markup", new JsonObject().put("inline_keyboard", rows));
            }
            sent = paced(message.externalChatId(), "sendMessage", params);
        }
        for (Attachment attachment : message.attachments()) {
            boolean photo = attachment.mediaType() != null && attachment.mediaType().startsWith("image/")
                    && attachment.size() <= 10L * 1024 * 1024;
            JsonObject params = new JsonObject().put(photo ? "photo" : "document", attachment.url());
            Uni<Long> next = paced(message.externalChatId(), photo ? "sendPhoto" : "sendDocument", params);
            sent = sent == null ? next : sent.call(() -> next);
        }
        if (sent == null) {
            return Uni.createFrom().failure(new ChannelException(new ChannelFailure.Permanent("empty message",
                    false)));
        }
        return sent.map(id -> new SendResult(chatId(message.externalChatId()) + ":" + id));
    }

    @Override
    public Uni<Void> typing(String externalChatId) {
        return call(externalChatId, "sendChatAction", new JsonObject().put("action", "typing")).replaceWithVoid();
    }

    /** Downloads a file a customer sent, refusing files larger than the Bot API allows bots to download. */
    Uni<Buffer> file(String fileId) {
        return api.call("getFile", new JsonObject().put("file_id", fileId)).chain(result -> {
            JsonObject file = (JsonObject) result;
            if (file.getLong("file_size", 0L) > MAX_DOWNLOAD_BYTES || file.getString("file_path") == null) {
                return Uni.createFrom().failure(new FileTooLarge());
            }
            return api.download(file.getString("file_path"));
        });
    }

    /** The file is larger than the 20 MB the Bot API lets bots download. */
    static final class FileTooLarge extends RuntimeException {

        FileTooLarge() {
            super("Telegram lets bots download files up to 20 MB only", null, false, false);
        }
    }

    /** The events of some updates and why each unreadable one was dropped. */
    record Read(List<InboundEvent> events, List<String> unusable) {
    }

    /**
     * Translates updates one by one, so that one Parley cannot read is dropped with its reason and the others go on,
     * and answers the pressed buttons among them.
     */
    Read read(List<?> updates) {
        Unusable<Updates.Translated> each = Unusable.readEach(updates,
                update -> Updates.translate(List.of((JsonObject) update), fileBase(), context.clock().instant()));
        answer(each.read().stream().flatMap(t -> t.callbackQueryIds().stream()).toList());
        return new Read(each.read().stream().flatMap(t -> t.events().stream()).toList(), each.reasons());
    }

    /** Stops the spinner of pressed buttons; best effort (a query expires after about 150 s anyway). */
    void answer(List<String> callbackQueryIds) {
        callbackQueryIds.forEach(id -> api.call("answerCallbackQuery", new JsonObject().put("callback_query_id", id))
                .subscribe().with(ignored -> {
                }, e -> LOG.debugf("Answering a callback query on channel %s failed: %s", context.channelId(),
                        e.getMessage())));
    }

    /** The base of the links to customers' files, served by {@link TelegramFileResource}. */
    String fileBase() {
        return context.publicBaseUrl() + "/api/telegram/" + context.channelId() + "/files/";
    }

    /** Sends a message to a chat in its next free slot (reserved when subscribed, so a chat's sends keep order). */
    private Uni<Long> paced(String externalChatId, String method, JsonObject params) {
        return Uni.createFrom().deferred(() -> {
            long chat = chatId(externalChatId);
            Duration wait = pacer.reserve(context.channelId() + ":" + chat, limits.interval(chat), System.nanoTime());
            Uni<Long> send = call(externalChatId, method, params);
            return wait.isZero() ? send : Uni.createFrom().voidItem().onItem().delayIt().by(wait).chain(() -> send);
        });
    }

    /** Calls a chat method with the chat's current id; a migrated group is remembered and the call repeated once. */
    private Uni<Long> call(String externalChatId, String method, JsonObject params) {
        return Uni.createFrom().item(() -> chatId(externalChatId))
                .chain(chat -> api.call(method, params.copy().put("chat_id", chat)))
                .onFailure(TelegramApi.ChatMigrated.class).recoverWithUni(e -> {
                    long moved = ((TelegramApi.ChatMigrated) e).newChatId();
                    migratedChats.put(context.channelId() + ":" + externalChatId, moved);
                    LOG.infof("Telegram chat on channel %s moved to a supergroup; sending there", context.channelId());
                    return api.call(method, params.copy().put("chat_id", moved));
                })
                .map(result -> result instanceof JsonObject sent ? sent.getLong("message_id", 0L) : 0L);
    }

    private long chatId(String externalChatId) {
        Long moved = migratedChats.get(context.channelId() + ":" + externalChatId);
        if (moved != null) {
            return moved;
        }
        try {
            return Long.parseLong(externalChatId);
        } catch (NumberFormatException e) {
            throw new ChannelException(new ChannelFailure.Permanent("not a Telegram chat id", false));
        }
    }

    /**
     * The secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}: derived from the bot token and the channel
     * id, so it needs no setting and changes with the token.
     */
    String webhookSecret() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.botToken().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("parley-telegram-webhook:" + context.channelId())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}

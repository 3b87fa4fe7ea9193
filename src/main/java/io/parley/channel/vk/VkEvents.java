package io.parley.channel.vk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;
import io.parley.channel.spi.Unusable;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Translates VK events (Callback API and Bots Long Poll share the shape {@code {type, object, group_id, event_id}})
 * into normalized events. Messages are keyed {@code peerId:conversationMessageId} (the global id is 0 in group chats);
 * a pressed keyboard button arrives as a message whose text is the button's payload.
 */
final class VkEvents {

    private VkEvents() {
    }

    static Optional<InboundEvent> translate(JsonObject event, Instant now) {
        JsonObject object = event.getJsonObject("object", new JsonObject());
        return switch (event.getString("type", "")) {
            case "message_new" -> Optional.of(message(object.getJsonObject("message", object), event));
            case "message_edit" -> Optional.of(new InboundEvent.MessageEdited(key(object), peer(object),
                    object.getString("text", ""), Instant.ofEpochSecond(object.getLong("update_time",
                            object.getLong("date", now.getEpochSecond())))));
            case "message_allow", "message_deny" -> Optional.of(new InboundEvent.ContactBlocked(
                    String.valueOf(object.getLong("user_id")), String.valueOf(object.getLong("user_id")),
                    "message_deny".equals(event.getString("type")), now));
            default -> Optional.empty();
        };
    }

    private static InboundEvent.MessageReceived message(JsonObject message, JsonObject event) {
        String text = message.getString("text", "");
        String pressed = pressed(message.getString("payload"));
        if (pressed != null) {
            text = pressed;
        }
        List<Attachment> attachments = attachments(message.getJsonArray("attachments", new JsonArray()));
        return new InboundEvent.MessageReceived(key(message), peer(message),
                Sender.anonymous(String.valueOf(required(message.getLong("from_id"), "from_id"))),
                text.isEmpty() && !attachments.isEmpty()
                        ? null
                        : text,
                attachments, Instant.ofEpochSecond(message.getLong("date")),
                Map.of("vk.eventId", event.getString("event_id", "")));
    }

    /** The Parley payload of a pressed button ({@code {"p":"…"}}), or null. */
    private static String pressed(String payload) {
        if (payload == null || payload.isBlank()) {
            return null;
        }
        try {
            return new JsonObject(payload).getString("p");
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static List<Attachment> attachments(JsonArray items) {
        List<Attachment> out = new ArrayList<>();
        for (Object item : items) {
            JsonObject attachment = (JsonObject) item;
            if ("photo".equals(attachment.getString("type"))) {
                JsonObject largest = null;
                for (Object size : attachment.getJsonObject("photo").getJsonArray("sizes", new JsonArray())) {
                    JsonObject candidate = (JsonObject) size;
                    if (largest == null || area(candidate) > area(largest)) {
                        largest = candidate;
                    }
                }
                if (largest != null) {
                    out.add(new Attachment(largest.getString("url"), "photo.jpg", "image/jpeg", -1));
                }
            } else if ("doc".equals(attachment.getString("type"))) {
                JsonObject doc = attachment.getJsonObject("doc");
                String ext = doc.getString("ext", "").toLowerCase(Locale.ROOT);
                String title = doc.getString("title", "document");
                out.add(new Attachment(doc.getString("url"), title, "pdf".equals(ext) ? "application/pdf"
                        : "application/octet-stream", doc.getLong("size", -1L)));
            }
        }
        return out;
    }

    private static long area(JsonObject size) {
        return size.getLong("width", 0L) * size.getLong("height", 0L);
    }

    private static String key(JsonObject message) {
        return peer(message) + ":" + required(message.getLong("conversation_message_id"), "conversation_message_id");
    }

    private static String peer(JsonObject message) {
        return String.valueOf(required(message.getLong("peer_id"), "peer_id"));
    }

    /** Ids are never guessed: without one an event would collapse into others keyed {@code null}. */
    private static long required(Long id, String field) {
        if (id == null) {
            throw new Unusable.MissingField(field);
        }
        return id;
    }
}

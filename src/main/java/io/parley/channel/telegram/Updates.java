package io.parley.channel.telegram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;
import io.parley.channel.spi.Unusable;
import io.parley.channel.spi.VerifiedIdentifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Translates Telegram updates into normalized events. Messages are keyed {@code chatId:messageId} (edits reuse it),
 * pressed buttons {@code callback:<id>}; ids are 64-bit. A
 * pressed button has no date at Telegram: it is stamped {@code now}. Files become links to Parley's file endpoint
 * ({@code fileBase + file_id}), which resolves them through {@code getFile} when an operator opens them.
 */
final class Updates {

    /** The events of some updates, and the callback queries among them, which must be answered. */
    record Translated(List<InboundEvent> events, List<String> callbackQueryIds) {
    }

    private Updates() {
    }

    static Translated translate(List<JsonObject> updates, String fileBase, Instant now) {
        List<InboundEvent> events = new ArrayList<>();
        List<String> callbacks = new ArrayList<>();
        for (JsonObject update : updates) {
            String updateId = String.valueOf(update.getLong("update_id"));
            if (update.getJsonObject("message") != null) {
                events.add(message(update.getJsonObject("message"), updateId, fileBase));
            } else if (update.getJsonObject("edited_message") != null) {
                JsonObject edited = update.getJsonObject("edited_message");
                events.add(new InboundEvent.MessageEdited(key(edited), chat(edited), text(edited),
                        Instant.ofEpochSecond(edited.getLong("edit_date", edited.getLong("date")))));
            } else if (update.getJsonObject("callback_query") != null) {
                JsonObject query = update.getJsonObject("callback_query");
                callbacks.add(query.getString("id"));
                events.add(pressed(query, updateId, now));
            } else if (update.getJsonObject("my_chat_member") != null) {
                JsonObject member = update.getJsonObject("my_chat_member");
                String status = member.getJsonObject("new_chat_member", new JsonObject()).getString("status", "");
                boolean privateChat = "private".equals(member.getJsonObject("chat").getString("type"));
                if (privateChat && ("kicked".equals(status) || "member".equals(status))) {
                    events.add(new InboundEvent.ContactBlocked(chat(member), id(member.getJsonObject("from")),
                            "kicked".equals(status), Instant.ofEpochSecond(member.getLong("date"))));
                }
            }
        }
        return new Translated(events, callbacks);
    }

    private static InboundEvent.MessageReceived message(JsonObject message, String updateId, String fileBase) {
        JsonObject from = message.getJsonObject("from", message.getJsonObject("chat"));
        List<Attachment> attachments = attachments(message, fileBase);
        List<VerifiedIdentifier> verified = new ArrayList<>();
        Map<String, String> metadata = new HashMap<>(Map.of("telegram.updateId", updateId));
        String text = text(message);
        JsonObject contact = message.getJsonObject("contact");
        if (contact != null) {
            String phone = contact.getString("phone_number", "").replaceAll("[^0-9]", "");
            text = "Contact: " + name(contact) + (phone.isEmpty() ? "" : ", +" + phone);
            if (!phone.isEmpty() && contact.getLong("user_id", -1L).equals(from.getLong("id"))) {
                verified.add(new VerifiedIdentifier(VerifiedIdentifier.PHONE, "+" + phone));
            }
        }
        JsonObject location = message.getJsonObject("location");
        if (location != null) {
            String point = location.getDouble("latitude") + "," + location.getDouble("longitude");
            JsonObject venue = message.getJsonObject("venue");
            text = "Location: " + point.replace(",", ", ")
                    + (venue == null ? ""
                            : " (" + venue.getString("title", "") + ", " + venue.getString("address", "")
                                    + ")")
                    + "\nhttps://www.openstreetmap.org/?mlat=" + location.getDouble("latitude") + "&mlon="
                    + location.getDouble("longitude") + "#map=17/" + location.getDouble("latitude") + "/"
                    + location.getDouble("longitude");
            metadata.put("telegram.location", point);
        }
        JsonObject sticker = message.getJsonObject("sticker");
        if (sticker != null && text == null) {
            text = sticker.getString("emoji", "[sticker]");
        }
        JsonObject pinned = message.getJsonObject("pinned_message");
        if (pinned != null) {
            String what = text(pinned);
            text = "Pinned a message: " + (what == null ? "[" + pinned.getLong("message_id") + "]"
                    : what.length() > 200 ? what.substring(0, 200) + "…" : what);
        }
        JsonObject poll = message.getJsonObject("poll");
        if (poll != null) {
            text = "Poll: " + poll.getString("question", "");
        }
        JsonObject dice = message.getJsonObject("dice");
        if (dice != null) {
            text = dice.getString("emoji", "🎲") + " " + dice.getInteger("value", 0);
        }
        if (text == null && attachments.isEmpty()) {
            text = service(message);
        }
        Sender sender = new Sender(id(from), name(from), from.getString("username"),
                verified.isEmpty() ? null : verified.get(0).value(), null, verified);
        return new InboundEvent.MessageReceived(key(message), chat(message), sender, text, attachments,
                Instant.ofEpochSecond(message.getLong("date")), metadata);
    }

    /** A service message of a group (members, title, photo changes) as a line of text; else "unsupported". */
    private static String service(JsonObject message) {
        JsonArray joined = message.getJsonArray("new_chat_members");
        if (joined != null && !joined.isEmpty()) {
            List<String> names = new ArrayList<>();
            joined.forEach(member -> names.add(String.valueOf(name((JsonObject) member))));
            return "Joined: " + String.join(", ", names);
        }
        if (message.getJsonObject("left_chat_member") != null) {
            return "Left: " + name(message.getJsonObject("left_chat_member"));
        }
        if (message.getString("new_chat_title") != null) {
            return "Chat renamed: " + message.getString("new_chat_title");
        }
        if (message.getValue("new_chat_photo") != null || message.getValue("delete_chat_photo") != null) {
            return "[chat photo changed]";
        }
        if (message.getValue("group_chat_created") != null || message.getValue("supergroup_chat_created") != null) {
            return "[group created]";
        }
        if (message.getValue("migrate_to_chat_id") != null || message.getValue("migrate_from_chat_id") != null) {
            return "[group became a supergroup]";
        }
        return "[unsupported Telegram message]";
    }

    /**
     * A pressed button: its label as shown on the message's inline keyboard (what the customer saw and chose), the
     * {@code callback_data} when the keyboard is not in the update; the data is kept as {@code telegram.callbackData}.
     */
    private static InboundEvent.MessageReceived pressed(JsonObject query, String updateId, Instant now) {
        JsonObject from = query.getJsonObject("from");
        JsonObject message = query.getJsonObject("message");
        String chat = message != null ? chat(message) : id(from);
        Sender sender = new Sender(id(from), name(from), from.getString("username"), null, null, List.of());
        String data = query.getString("data", "");
        return new InboundEvent.MessageReceived("callback:" + query.getString("id"), chat, sender,
                label(message, data), List.of(), now, Map.of("telegram.updateId", updateId,
                        "telegram.callbackData", data));
    }

    /** The label of the inline keyboard button whose {@code callback_data} is {@code data}, else {@code data}. */
    private static String label(JsonObject message, String data) {
        JsonObject markup = message == null ? null : message.getJsonObject("reply_markup");
        JsonArray rows = markup == null ? null : markup.getJsonArray("inline_keyboard");
        for (int r = 0; rows != null && r < rows.size(); r++) {
            JsonArray row = rows.getJsonArray(r);
            for (int b = 0; b < row.size(); b++) {
                JsonObject button = row.getJsonObject(b);
                if (data.equals(button.getString("callback_data")) && button.getString("text") != null) {
                    return button.getString("text");
                }
            }
        }
        return data;
    }

    private static List<Attachment> attachments(JsonObject message, String fileBase) {
        List<Attachment> out = new ArrayList<>();
        JsonArray photos = message.getJsonArray("photo");
        if (photos != null && !photos.isEmpty()) {
            JsonObject largest = photos.getJsonObject(0);
            for (int i = 1; i < photos.size(); i++) {
                JsonObject photo = photos.getJsonObject(i);
                if (area(photo) > area(largest)) {
                    largest = photo;
                }
            }
            out.add(file(largest, fileBase, "photo.jpg", "image/jpeg"));
        }
        addFile(out, message.getJsonObject("document"), fileBase, "document", "application/octet-stream");
        addFile(out, message.getJsonObject("voice"), fileBase, "voice.ogg", "audio/ogg");
        addFile(out, message.getJsonObject("video"), fileBase, "video.mp4", "video/mp4");
        addFile(out, message.getJsonObject("audio"), fileBase, "audio.mp3", "audio/mpeg");
        addFile(out, message.getJsonObject("animation"), fileBase, "animation.mp4", "video/mp4");
        addFile(out, message.getJsonObject("video_note"), fileBase, "video_note.mp4", "video/mp4");
        JsonObject sticker = message.getJsonObject("sticker");
        if (sticker != null) {
            boolean animated = sticker.getBoolean("is_animated", false);
            boolean video = sticker.getBoolean("is_video", false);
            out.add(file(sticker, fileBase, animated ? "sticker.tgs" : video ? "sticker.webm" : "sticker.webp",
                    animated ? "application/x-tgsticker" : video ? "video/webm" : "image/webp"));
        }
        return out;
    }

    private static void addFile(List<Attachment> out, JsonObject file, String fileBase, String name, String type) {
        if (file != null) {
            out.add(file(file, fileBase, name, type));
        }
    }

    private static Attachment file(JsonObject file, String fileBase, String name, String type) {
        return new Attachment(fileBase + file.getString("file_id"), file.getString("file_name", name),
                file.getString("mime_type", type), file.getLong("file_size", -1L));
    }

    private static long area(JsonObject photo) {
        return photo.getLong("width", 0L) * photo.getLong("height", 0L);
    }

    private static String text(JsonObject message) {
        return message.getString("text", message.getString("caption"));
    }

    private static String key(JsonObject message) {
        return chat(message) + ":" + required(message.getLong("message_id"), "message_id");
    }

    private static String chat(JsonObject holder) {
        return String.valueOf(required(holder.getJsonObject("chat").getLong("id"), "chat.id"));
    }

    private static String id(JsonObject user) {
        return String.valueOf(required(user.getLong("id"), "from.id"));
    }

    /** Ids are never guessed: without one an update would collapse into others keyed {@code null}. */
    private static long required(Long id, String field) {
        if (id == null) {
            throw new Unusable.MissingField(field);
        }
        return id;
    }

    private static String name(JsonObject user) {
        String first = user.getString("first_name", "");
        String last = user.getString("last_name", "");
        String name = (first + " " + last).trim();
        return name.isEmpty() ? null : name;
    }
}

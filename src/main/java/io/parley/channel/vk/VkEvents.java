package io.parley.channel.vk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
            case "message_reply" -> reply(object.getJsonObject("message", object));
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
        Map<String, String> metadata = new HashMap<>(Map.of("vk.eventId", event.getString("event_id", "")));
        List<Attachment> attachments = attachments(message.getJsonArray("attachments", new JsonArray()));
        StringBuilder shown = new StringBuilder(text);
        JsonObject geo = message.getJsonObject("geo");
        JsonObject point = geo == null ? null : geo.getJsonObject("coordinates");
        if (point != null) {
            String at = point.getValue("latitude") + "," + point.getValue("longitude");
            JsonObject place = geo.getJsonObject("place", new JsonObject());
            line(shown, "Location: " + at.replace(",", ", ")
                    + (place.getString("title") == null ? "" : " (" + place.getString("title") + ")")
                    + "\n" + mapLink(point.getValue("latitude"), point.getValue("longitude")));
            metadata.put("vk.location", at);
        }
        otherKinds(message.getJsonArray("attachments", new JsonArray())).forEach(kind -> line(shown, "[" + kind + "]"));
        quoted(shown, attachments, message.getJsonObject("reply_message"), "Reply to", 0);
        for (Object forwarded : message.getJsonArray("fwd_messages", new JsonArray())) {
            quoted(shown, attachments, (JsonObject) forwarded, "Forwarded", 0);
        }
        return new InboundEvent.MessageReceived(key(message), peer(message),
                Sender.anonymous(String.valueOf(required(message.getLong("from_id"), "from_id"))),
                shown.isEmpty() && !attachments.isEmpty() ? null : shown.toString(),
                attachments, Instant.ofEpochSecond(message.getLong("date")), metadata);
    }

    /**
     * A community message to a customer: only one a community administrator wrote in VK's interface
     * ({@code admin_author_id}) is a colleague's reply; Parley's own sends (through the API, no administrator) come back
     * as {@code message_reply} too and are not taken in again. Keyed {@code peerId:id} like Parley's sends.
     */
    private static Optional<InboundEvent> reply(JsonObject message) {
        Long admin = message.getLong("admin_author_id");
        if (admin == null || admin == 0) {
            return Optional.empty();
        }
        String text = message.getString("text", "");
        List<Attachment> attachments = attachments(message.getJsonArray("attachments", new JsonArray()));
        return Optional.of(new InboundEvent.ReplySentElsewhere(peer(message) + ":" + message.getLong("id"),
                peer(message), String.valueOf(admin), text.isEmpty() && !attachments.isEmpty() ? null : text,
                attachments, Instant.ofEpochSecond(message.getLong("date"))));
    }

    /** An OpenStreetMap link to a point (no key, no tracking, opens in any browser). */
    static String mapLink(Object latitude, Object longitude) {
        return "https://www.openstreetmap.org/?mlat=" + latitude + "&mlon=" + longitude + "#map=17/" + latitude + "/"
                + longitude;
    }

    /**
     * Appends a forwarded or replied-to message as a quote ({@code > } lines under "Forwarded from id…:"), its
     * attachments to the message's, and its own forwarded messages one level deeper (at most three levels).
     */
    private static void quoted(StringBuilder shown, List<Attachment> attachments, JsonObject quoted, String what,
            int depth) {
        if (quoted == null || depth > 2) {
            return;
        }
        String prefix = "> ".repeat(depth + 1);
        StringBuilder quote = new StringBuilder(prefix + what + " from id" + quoted.getLong("from_id", 0L) + ":");
        String text = quoted.getString("text", "");
        for (String line : text.isEmpty() ? new String[0] : text.split("\n", -1)) {
            quote.append('\n').append(prefix).append(line);
        }
        List<Attachment> files = attachments(quoted.getJsonArray("attachments", new JsonArray()));
        files.forEach(f -> quote.append('\n').append(prefix).append("[").append(f.name()).append("]"));
        attachments.addAll(files);
        line(shown, quote.toString());
        for (Object inner : quoted.getJsonArray("fwd_messages", new JsonArray())) {
            quoted(shown, attachments, (JsonObject) inner, "Forwarded", depth + 1);
        }
    }

    private static void line(StringBuilder shown, String line) {
        shown.append(shown.isEmpty() ? "" : "\n").append(line);
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

    /**
     * Files of a message, as VK's own links: photos (largest size), documents (type by extension), voice messages
     * (MP3, else OGG), stickers (the largest image), graffiti, videos and music (their vk.com pages: VK gives bots no
     * video file), links, wall posts. Other kinds (polls, gifts, market items…) are named in the text by
     * {@link #otherKinds}.
     */
    static List<Attachment> attachments(JsonArray items) {
        List<Attachment> out = new ArrayList<>();
        for (Object item : items) {
            JsonObject attachment = (JsonObject) item;
            String type = attachment.getString("type", "");
            JsonObject body = attachment.getJsonObject(type, new JsonObject());
            switch (type) {
                case "photo" -> {
                    JsonObject largest = largest(body.getJsonArray("sizes", new JsonArray()));
                    if (largest != null) {
                        out.add(new Attachment(largest.getString("url"), "photo.jpg", "image/jpeg", -1));
                    }
                }
                case "doc" -> {
                    String ext = body.getString("ext", "").toLowerCase(Locale.ROOT);
                    out.add(new Attachment(body.getString("url"), body.getString("title", "document"),
                            DOC_TYPES.getOrDefault(ext, "application/octet-stream"), body.getLong("size", -1L)));
                }
                case "audio_message" -> {
                    boolean mp3 = body.getString("link_mp3") != null;
                    out.add(new Attachment(mp3 ? body.getString("link_mp3") : body.getString("link_ogg"),
                            mp3 ? "voice.mp3" : "voice.ogg", mp3 ? "audio/mpeg" : "audio/ogg", -1));
                }
                case "sticker" -> {
                    JsonObject largest = largest(body.getJsonArray("images", new JsonArray()));
                    if (largest != null) {
                        out.add(new Attachment(largest.getString("url"), "sticker.png", "image/png", -1));
                    }
                }
                case "graffiti" -> out.add(new Attachment(body.getString("url"), "graffiti.png", "image/png", -1));
                case "video" -> out.add(new Attachment("https://vk.com/video" + body.getLong("owner_id") + "_"
                        + body.getLong("id"), body.getString("title", "video") + " (video)", "text/html", -1));
                case "audio" -> out.add(new Attachment("https://vk.com/audio" + body.getLong("owner_id") + "_"
                        + body.getLong("id"),
                        body.getString("artist", "") + " — " + body.getString("title", "")
                                + " (audio)",
                        "text/html", -1));
                case "link" -> out.add(new Attachment(body.getString("url"), body.getString("title", "link"),
                        "text/html", -1));
                case "wall" -> out.add(new Attachment("https://vk.com/wall" + body.getLong("owner_id",
                        body.getLong("from_id", 0L)) + "_" + body.getLong("id"), "post", "text/html", -1));
                default -> {
                }
            }
        }
        out.removeIf(a -> a.url() == null);
        return out;
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("photo", "doc", "audio_message", "sticker",
            "graffiti", "video", "audio", "link", "wall");

    /** The kinds of attachments {@link #attachments} does not turn into links (shown as {@code [poll]} etc.). */
    private static List<String> otherKinds(JsonArray items) {
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            String type = ((JsonObject) item).getString("type", "");
            if (!type.isEmpty() && !KNOWN.contains(type)) {
                out.add(type);
            }
        }
        return out;
    }

    private static final Map<String, String> DOC_TYPES = Map.ofEntries(Map.entry("pdf", "application/pdf"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("txt", "text/plain"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"), Map.entry("mp4", "video/mp4"),
            Map.entry("zip", "application/zip"), Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

    private static JsonObject largest(JsonArray sizes) {
        JsonObject largest = null;
        for (Object size : sizes) {
            JsonObject candidate = (JsonObject) size;
            if (largest == null || area(candidate) > area(largest)) {
                largest = candidate;
            }
        }
        return largest;
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

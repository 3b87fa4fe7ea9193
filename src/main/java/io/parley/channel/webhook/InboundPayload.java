package io.parley.channel.webhook;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.DeliveryStatus;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.Sender;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Parley's normalized inbound JSON, as integrators post it. {@code type} is {@code message} (the default),
 * {@code edit} or {@code delivery}; see docs/channels.md for the fields. Rejections ({@link Invalid}) name the field.
 */
final class InboundPayload {

    private static final int MAX_ID = 200;
    private static final int MAX_TEXT = 10_000;

    private InboundPayload() {
    }

    static InboundEvent parse(byte[] body, Instant now) {
        JsonObject json;
        try {
            json = new JsonObject(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (DecodeException | ClassCastException e) {
            throw invalid("body", "must be a JSON object");
        }
        String type = optional(json, "type", 20);
        String chat = id(json, "chatId");
        Instant at = timestamp(json, now);
        return switch (type == null ? "message" : type) {
            case "message" -> message(json, chat, at);
            case "edit" -> new InboundEvent.MessageEdited(id(json, "messageId"), chat, text(json, true), at);
            case "delivery" -> new InboundEvent.DeliveryStatusChanged(id(json, "messageId"), chat, status(json), at);
            default -> throw invalid("type", "must be message, edit or delivery");
        };
    }

    private static InboundEvent.MessageReceived message(JsonObject json, String chat, Instant at) {
        Object senderValue = json.getValue("sender");
        if (!(senderValue instanceof JsonObject sender)) {
            throw invalid("sender", "is required and must be an object");
        }
        List<Attachment> attachments = attachments(json);
        String text = text(json, attachments.isEmpty());
        Sender from = new Sender(id(sender, "sender.id", "id"), optional(sender, "sender.", "name", 200),
                optional(sender, "sender.", "username", 200), optional(sender, "sender.", "phone", 50),
                optional(sender, "sender.", "email", 320), List.of());
        return new InboundEvent.MessageReceived(id(json, "messageId"), chat, from, text, attachments, at, Map.of());
    }

    private static List<Attachment> attachments(JsonObject json) {
        Object value = json.getValue("attachments");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > 10) {
            throw invalid("attachments", "must be an array of at most 10 objects");
        }
        List<Attachment> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "attachments[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject a)) {
                throw invalid(field, "must be an object");
            }
            String url = id(a, field + ".url", "url");
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw invalid(field + ".url", "must be an http or https URL");
            }
            String name = a.getString("name", "file");
            String type = a.getString("mediaType", "application/octet-stream");
            Object size = a.getValue("size", -1L);
            out.add(new Attachment(url, name, type, size instanceof Number n ? n.longValue() : -1));
        }
        return out;
    }

    private static String text(JsonObject json, boolean required) {
        Object value = json.getValue("text");
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text) || (required && text.isBlank()) || text.length() > MAX_TEXT) {
            throw invalid("text", "must be a string of 1 to " + MAX_TEXT + " characters"
                    + (required ? "" : " (or absent when there are attachments)"));
        }
        return text;
    }

    private static DeliveryStatus status(JsonObject json) {
        String value = optional(json, "status", 20);
        try {
            DeliveryStatus status = DeliveryStatus.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
            if (status == DeliveryStatus.DELIVERED || status == DeliveryStatus.READ
                    || status == DeliveryStatus.FAILED) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw invalid("status", "must be DELIVERED, READ or FAILED");
    }

    private static Instant timestamp(JsonObject json, Instant now) {
        String value = optional(json, "timestamp", 40);
        try {
            return value == null ? now : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid("timestamp", "must be an ISO-8601 instant, e.g. 2026-03-01T09:30:00Z");
        }
    }

    private static String id(JsonObject json, String name) {
        return id(json, name, name);
    }

    private static String id(JsonObject json, String field, String name) {
        Object value = json.getValue(name);
        if (value instanceof Number number) {
            value = number.toString();
        }
        if (!(value instanceof String id) || id.isBlank() || id.length() > MAX_ID) {
            throw invalid(field, "is required: a string of 1 to " + MAX_ID + " characters");
        }
        return id;
    }

    private static String optional(JsonObject json, String name, int max) {
        return optional(json, "", name, max);
    }

    private static String optional(JsonObject json, String prefix, String name, int max) {
        Object value = json.getValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.length() > max) {
            throw invalid(prefix + name, "must be a string of at most " + max + " characters");
        }
        return s;
    }

    private static Invalid invalid(String field, String message) {
        return new Invalid(field, message);
    }

    /** A rejected field of the body. */
    static final class Invalid extends RuntimeException {

        private final String field;

        Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}

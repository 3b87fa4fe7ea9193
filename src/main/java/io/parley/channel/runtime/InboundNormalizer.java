package io.parley.channel.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.parley.channel.spi.InboundEvent;

/**
 * What every adapter's events go through before they are written to {@code parley.inbound}, so that nothing accepted
 * can fail later in the pipeline: in every string (text, names, ids, attachment names, metadata keys and values) a NUL
 * character and a lone UTF-16 surrogate, which UTF-8 and PostgreSQL cannot store, become U+FFFD, the replacement
 * character the operator sees; a provider time before 1970 or more than a day after Parley accepted the event is
 * replaced by the time Parley accepted it. {@link InboundPublisher} counts each change in
 * {@code parley_ingress_normalized_total}.
 */
final class InboundNormalizer {

    static final char REPLACEMENT = '\uFFFD';
    static final Instant EARLIEST = Instant.EPOCH;

    private InboundNormalizer() {
    }

    /** The event with a provider time Parley can store and read, or the same event. */
    static InboundEvent clampTime(InboundEvent event, Instant acceptedAt) {
        Instant at = event.occurredAt();
        if (at != null && !at.isBefore(EARLIEST) && !at.isAfter(acceptedAt.plusSeconds(86_400))) {
            return event;
        }
        return switch (event) {
            case InboundEvent.MessageReceived m -> new InboundEvent.MessageReceived(m.externalMessageId(),
                    m.externalChatId(), m.sender(), m.text(), m.attachments(), acceptedAt, m.metadata(), m.subject(),
                    m.html(), m.threading());
            case InboundEvent.MessageEdited e -> new InboundEvent.MessageEdited(e.externalMessageId(),
                    e.externalChatId(), e.text(), acceptedAt);
            case InboundEvent.DeliveryStatusChanged d -> new InboundEvent.DeliveryStatusChanged(d.externalMessageId(),
                    d.externalChatId(), d.status(), acceptedAt, d.reason());
            case InboundEvent.ContactBlocked b -> new InboundEvent.ContactBlocked(b.externalChatId(),
                    b.externalUserId(), b.blocked(), acceptedAt);
            case InboundEvent.ReplySentElsewhere r -> new InboundEvent.ReplySentElsewhere(r.externalMessageId(),
                    r.externalChatId(), r.authorId(), r.text(), r.attachments(), acceptedAt);
        };
    }

    /** Replaces what cannot be stored in every string of a JSON tree, field names included; counts the strings. */
    static int cleanTree(JsonNode node) {
        int changed = 0;
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                fields.add(it.next());
            }
            for (Map.Entry<String, JsonNode> field : fields) {
                String name = clean(field.getKey());
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    String text = clean(value.textValue());
                    changed += text.equals(value.textValue()) ? 0 : 1;
                    value = TextNode.valueOf(text);
                } else {
                    changed += cleanTree(value);
                }
                if (!name.equals(field.getKey())) {
                    object.remove(field.getKey());
                    changed++;
                }
                object.set(name, value);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    String text = clean(value.textValue());
                    if (!text.equals(value.textValue())) {
                        array.set(i, TextNode.valueOf(text));
                        changed++;
                    }
                } else {
                    changed += cleanTree(value);
                }
            }
        }
        return changed;
    }

    /** The string with NUL and lone surrogates replaced by U+FFFD; the same instance when there is none. */
    static String clean(String s) {
        int i = firstBad(s);
        if (i < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstBad(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (c == 0 || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}

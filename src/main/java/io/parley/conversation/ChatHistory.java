package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.DeliveryStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** One chat's messages in both directions, oldest first: what a customer-facing client shows and catches up on. */
@ApplicationScoped
public class ChatHistory {

    /** A message as the customer's own client shows it. */
    public record ChatMessage(UUID id, String direction, String externalId, String text, List<Attachment> attachments,
            OffsetDateTime sentAt, DeliveryStatus deliveryStatus) {
    }

    /** Messages after a cursor; {@code nextCursor} continues from the last one. */
    public record ChatPage(List<ChatMessage> messages, String nextCursor) {
    }

    public Uni<ChatPage> after(UUID channelId, String chatId, String cursor, int limit) {
        TimelineCursor after = cursor == null || cursor.isBlank() ? null : TimelineCursor.decode(cursor);
        return Panache.withSession(() -> (after == null
                ? MessageEntity.<MessageEntity> find("channelId = ?1 and externalChatId = ?2 order by sentAt, seq",
                        channelId, chatId)
                : MessageEntity.<MessageEntity> find("channelId = ?1 and externalChatId = ?2 and (sentAt > ?3"
                        + " or (sentAt = ?3 and seq > ?4)) order by sentAt, seq", channelId, chatId, after.sentAt(),
                        after.seq()))
                .page(Page.ofSize(limit)).list())
                .map(rows -> {
                    MessageEntity last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
                    String next = last == null ? cursor : new TimelineCursor(last.sentAt, last.seq).encode();
                    return new ChatPage(rows.stream().map(m -> new ChatMessage(m.id, m.direction.name(),
                            m.externalId, m.text, m.attachments, m.sentAt, m.deliveryStatus)).toList(), next);
                });
    }
}

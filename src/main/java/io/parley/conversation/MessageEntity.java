package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.DeliveryStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One message in a customer's history, in either direction, from any channel. */
@Entity
@Table(name = "messages")
public class MessageEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "identity_id")
    public UUID identityId;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "channel_type")
    public String channelType;

    @Column(name = "external_chat_id")
    public String externalChatId;

    /** The provider's id: the deduplication key inbound, the sent message's id outbound. */
    @Column(name = "external_id")
    public String externalId;

    @Enumerated(EnumType.STRING)
    public Direction direction;

    /** Who wrote an outbound message (token subject); null for customers. */
    public String author;

    /** The author's idempotency key for an outbound message. */
    @Column(name = "client_key")
    public String clientKey;

    public String text;

    /** The subject line (email), or null. */
    public String subject;

    /** The normalised subject for subject threading (see {@link ThreadResolver}), or null. */
    @Column(name = "thread_topic")
    public String threadTopic;

    /** Whether an HTML body is stored (served by {@code GET /api/messages/{id}/html}). */
    @Column(name = "has_html")
    public boolean hasHtml;

    @Convert(converter = AttachmentsConverter.class)
    public List<Attachment> attachments;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status")
    public DeliveryStatus deliveryStatus;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    /**
     * The order Parley stored messages in (a database sequence): breaks ties between messages with the same
     * {@link #sentAt} (providers give seconds), so they read in the order the pipeline took them in.
     */
    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;

    @Column(name = "stored_at", insertable = false, updatable = false)
    public OffsetDateTime storedAt;

    @Column(name = "edited_at")
    public OffsetDateTime editedAt;
}

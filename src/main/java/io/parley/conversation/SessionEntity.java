package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A conversation with one customer; see {@link SessionState} for its life. */
@Entity
@Table(name = "sessions")
@DynamicUpdate
public class SessionEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    public SessionState state;

    /** The operator (token subject) working on it, if any. */
    public String assignee;

    /** The channel and chat the customer wrote from last; replies go there by default. */
    @Column(name = "last_channel_id")
    public UUID lastChannelId;

    @Column(name = "last_chat_id")
    public String lastChatId;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    @Column(name = "last_activity_at")
    public OffsetDateTime lastActivityAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "close_reason")
    public String closeReason;

    /** The category the operator gave when closing (the wrap-up), or null. */
    @Column(name = "wrap_up_category")
    public String wrapUpCategory;

    /** The resolution code the operator gave when closing (the wrap-up), or null. */
    @Column(name = "wrap_up_resolution")
    public String wrapUpResolution;

    @Column(name = "reopen_count")
    public int reopenCount;

    @Version
    public int version;
}

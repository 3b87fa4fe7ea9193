package io.parley.channel.runtime;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An outbound message given up on after its last attempt; administrators list and replay these. */
@Entity
@Table(name = "dead_letters")
public class DeadLetterEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "record_key")
    public String recordKey;

    @JdbcTypeCode(SqlTypes.JSON)
    public OutboundCommand payload;

    public String failure;

    public int attempts;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "replayed_at")
    public OffsetDateTime replayedAt;
}

package io.parley.channel.runtime;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A configured channel instance; its secrets are stored encrypted. */
@Entity
@Table(name = "channels")
public class ChannelEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String name;

    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> config;

    public byte[] secrets;

    @Version
    public int version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** What keeps the channel's poll loop from working (written by {@link ChannelPollers} only), or null. */
    @Column(name = "poll_problem", insertable = false, updatable = false)
    public String pollProblem;

    @Column(name = "poll_problem_since", insertable = false, updatable = false)
    public OffsetDateTime pollProblemSince;
}

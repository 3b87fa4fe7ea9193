package io.parley.operator;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An operator's profile (kept by administrators) and current status (see {@link OperatorStatus}). */
@Entity
@Table(name = "operators")
public class OperatorEntity extends PanacheEntityBase {

    /** The operator's token subject. */
    @Id
    public String subject;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> skills;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> languages;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> groups;

    /** Weights per channel kind, e.g. {@code chat=3, email=5}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> capacity;

    @Column(name = "max_concurrent")
    public int maxConcurrent;

    @Enumerated(EnumType.STRING)
    public OperatorStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "status_since")
    public OffsetDateTime statusSince;

    @Version
    public int version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}

package io.parley.routing.queue;

import java.time.OffsetDateTime;

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

/** A stored queue; see {@link QueueDefinition} for the meaning of each field. */
@Entity
@Table(name = "queues")
public class QueueEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Column(name = "target_expression")
    public String targetExpression;

    @Enumerated(EnumType.STRING)
    public SelectionStrategy strategy;

    @Column(name = "offer_timeout_seconds")
    public int offerTimeoutSeconds;

    @Column(name = "auto_accept")
    public boolean autoAccept;

    @Column(name = "max_wait_seconds")
    public Integer maxWaitSeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "business_hours")
    public BusinessHours businessHours;

    @Column(name = "out_of_hours_reply")
    public String outOfHoursReply;

    @Column(name = "position_reply")
    public String positionReply;

    @Column(name = "closed_reply")
    public String closedReply;

    @Column(name = "reopen_to_last_operator_seconds")
    public int reopenToLastOperatorSeconds;

    @Column(name = "sla_first_response_seconds")
    public Integer slaFirstResponseSeconds;

    @Column(name = "sla_resolution_seconds")
    public Integer slaResolutionSeconds;

    @Version
    public int version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}

package io.parley.operator;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One change of an operator's status, and who made it. */
@Entity
@Table(name = "operator_status_log")
public class StatusLogEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The operator's token subject. */
    @Column(nullable = false)
    public String subject;

    @Enumerated(EnumType.STRING)
    public OperatorStatus status;

    @Enumerated(EnumType.STRING)
    public OperatorStatus previous;

    public String reason;

    /** The token subject of whoever changed it. */
    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    public OffsetDateTime at;
}

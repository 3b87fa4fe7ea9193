package io.parley.routing.workflow;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One saved version of the routing rules. */
@Entity
@Table(name = "workflows")
public class WorkflowEntity extends PanacheEntityBase {

    @Id
    public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    public Workflow document;

    public boolean active;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;
}

package io.parley.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One Kafka record waiting to be relayed; written in the transaction of the change it belongs to. */
@Entity
@Table(name = "outbox")
class OutboxRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String topic;

    @Column(name = "record_key", nullable = false)
    String recordKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    String payload;
}

--liquibase formatted sql

--changeset parley:001-outbox
-- Transactional outbox: rows written in the same transaction as the change they describe, relayed to Kafka.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    record_key TEXT        NOT NULL,
    payload    JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

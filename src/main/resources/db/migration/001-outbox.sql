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

-- Wake the relays as soon as a transaction that wrote outbox records commits (NOTIFY is delivered on commit only).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    PERFORM pg_notify(''parley_outbox'', '''');
    RETURN NULL;
END';
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

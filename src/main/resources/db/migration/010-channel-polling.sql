--liquibase formatted sql

--changeset parley:010-channel-polling
-- One row per polling channel: where its poll continues, and which Parley instance polls it until lease_until.
-- The cursor is written only by the lease owner and only after the polled events are in Kafka.
CREATE TABLE channel_poll_state (
    channel_id  UUID PRIMARY KEY REFERENCES channels (id),
    cursor      TEXT,
    owner       TEXT,
    lease_until TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

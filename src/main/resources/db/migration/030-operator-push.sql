--liquibase formatted sql

--changeset parley:030-operator-push
-- What each operator's push stream carries, numbered per operator (increasing; gaps possible), kept for a bounded time
-- so a reconnecting client can catch up.
CREATE TABLE operator_events (
    subject  TEXT        NOT NULL,
    seq      BIGINT      NOT NULL,
    event_id TEXT        NOT NULL,
    type     TEXT        NOT NULL,
    payload  JSONB       NOT NULL,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, seq)
);
CREATE UNIQUE INDEX operator_events_once ON operator_events (subject, event_id);
CREATE INDEX operator_events_age ON operator_events (at);

CREATE TABLE operator_event_counters (
    subject  TEXT PRIMARY KEY,
    last_seq BIGINT NOT NULL
);

-- Wake the instances holding the operator's connections (the payload is the operator's subject).
CREATE FUNCTION operator_events_notify() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    PERFORM pg_notify(''parley_operator_events'', NEW.subject);
    RETURN NULL;
END';
CREATE TRIGGER operator_events_notify AFTER INSERT ON operator_events
    FOR EACH ROW EXECUTE FUNCTION operator_events_notify();

-- Single-use, short-lived tickets for opening a WebSocket (stored as SHA-256 hashes).
CREATE TABLE push_tickets (
    hash       TEXT PRIMARY KEY,
    subject    TEXT        NOT NULL,
    roles      TEXT[]      NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

-- Which instance holds a live push connection of an operator, refreshed by heartbeats.
CREATE TABLE operator_presence (
    subject   TEXT        NOT NULL,
    instance  TEXT        NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject, instance)
);

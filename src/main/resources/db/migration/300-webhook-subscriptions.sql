--liquibase formatted sql

--changeset parley:300-webhook-subscriptions
-- Outgoing webhooks: integrators' subscriptions to CloudEvents, the events matched for them, one delivery per
-- (subscription, event) with a stable id, and every attempt made (docs/webhooks.md).
CREATE TABLE webhook_subscriptions (
    id              UUID PRIMARY KEY,
    url             TEXT        NOT NULL,
    types           TEXT[]      NOT NULL,
    filter          TEXT,
    description     TEXT,
    -- AES-GCM (SecretsCipher) of a JSON list of {secret, expiresAt}: the current secret first, then the previous one
    secrets         BYTEA       NOT NULL,
    enabled         BOOLEAN     NOT NULL DEFAULT TRUE,
    failure_streak  INT         NOT NULL DEFAULT 0,
    disabled_reason TEXT,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A CloudEvent that at least one subscription matched, stored once however many subscriptions it goes to.
CREATE TABLE webhook_events (
    id           BIGSERIAL PRIMARY KEY,
    event_id     TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    ordering_key TEXT        NOT NULL,
    payload      JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- seq orders deliveries of one subscription and ordering key; only the oldest pending one of a key is sent.
CREATE TABLE webhook_deliveries (
    id              UUID PRIMARY KEY,
    seq             BIGSERIAL   NOT NULL,
    subscription_id UUID        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id        BIGINT      NOT NULL REFERENCES webhook_events (id),
    ordering_key    TEXT        NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'PENDING',
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- retries stop (DEAD) once retry-window has passed since this time: creation, or the last manual replay
    window_start    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_status     INT,
    last_error      TEXT,
    last_latency_ms INT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_lane ON webhook_deliveries (subscription_id, ordering_key, seq) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, created_at DESC);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
    delivery_id UUID        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt     INT         NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    status      INT,
    error       TEXT,
    latency_ms  INT         NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- Wake the delivery workers when a transaction that queued deliveries commits.
CREATE FUNCTION webhook_deliveries_notify() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    PERFORM pg_notify(''parley_webhooks'', '''');
    RETURN NULL;
END';
CREATE TRIGGER webhook_deliveries_notify AFTER INSERT ON webhook_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_notify();

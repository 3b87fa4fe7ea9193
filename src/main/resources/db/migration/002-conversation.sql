--liquibase formatted sql

--changeset parley:002-conversation
CREATE TABLE channels (
    id         UUID PRIMARY KEY,
    type       TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    enabled    BOOLEAN     NOT NULL DEFAULT TRUE,
    disabled_reason TEXT,
    config     JSONB       NOT NULL DEFAULT '{}',
    secrets    BYTEA,
    version    INT         NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE customers (
    id           UUID PRIMARY KEY,
    display_name TEXT,
    username     TEXT,
    phone        TEXT,
    email        TEXT,
    language     TEXT,
    merged_into  UUID REFERENCES customers (id),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Identifiers a channel verified (signed app user id, confirmed email/phone): the only basis for automatic linking.
CREATE TABLE customer_verified_ids (
    kind        TEXT NOT NULL,
    value       TEXT NOT NULL,
    customer_id UUID NOT NULL REFERENCES customers (id),
    PRIMARY KEY (kind, value)
);
CREATE INDEX customer_verified_ids_customer ON customer_verified_ids (customer_id);

CREATE TABLE channel_identities (
    id               UUID PRIMARY KEY,
    channel_id       UUID        NOT NULL REFERENCES channels (id),
    external_user_id TEXT        NOT NULL,
    customer_id      UUID        NOT NULL REFERENCES customers (id),
    display_name     TEXT,
    username         TEXT,
    phone            TEXT,
    email            TEXT,
    unreachable      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (channel_id, external_user_id)
);
CREATE INDEX channel_identities_customer ON channel_identities (customer_id);

CREATE TABLE sessions (
    id                UUID PRIMARY KEY,
    customer_id       UUID        NOT NULL REFERENCES customers (id),
    state             TEXT        NOT NULL,
    assignee          TEXT,
    last_channel_id   UUID        REFERENCES channels (id),
    last_chat_id      TEXT,
    opened_at         TIMESTAMPTZ NOT NULL,
    last_activity_at  TIMESTAMPTZ NOT NULL,
    closed_at         TIMESTAMPTZ,
    close_reason      TEXT,
    reopen_count      INT         NOT NULL DEFAULT 0,
    version           INT         NOT NULL DEFAULT 0
);
-- At most one open session per customer, whatever channel they write from.
CREATE UNIQUE INDEX sessions_one_open_per_customer ON sessions (customer_id) WHERE state = 'OPEN';
CREATE INDEX sessions_customer_closed ON sessions (customer_id, closed_at DESC);
CREATE INDEX sessions_open_activity ON sessions (last_activity_at) WHERE state = 'OPEN';

CREATE TABLE messages (
    id               UUID PRIMARY KEY,
    session_id       UUID        NOT NULL REFERENCES sessions (id),
    customer_id      UUID        NOT NULL REFERENCES customers (id),
    identity_id      UUID        REFERENCES channel_identities (id),
    channel_id       UUID        NOT NULL REFERENCES channels (id),
    channel_type     TEXT        NOT NULL,
    external_chat_id TEXT        NOT NULL,
    external_id      TEXT,
    direction        TEXT        NOT NULL,
    author           TEXT,
    client_key       TEXT,
    text             TEXT,
    attachments      TEXT        NOT NULL DEFAULT '[]',
    delivery_status  TEXT,
    failure_reason   TEXT,
    sent_at          TIMESTAMPTZ NOT NULL,
    stored_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    edited_at        TIMESTAMPTZ
);
-- Deduplication: one message per provider id and direction on a channel instance; one reply per author's key.
CREATE UNIQUE INDEX messages_external ON messages (channel_id, direction, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX messages_client_key ON messages (session_id, author, client_key) WHERE client_key IS NOT NULL;
CREATE INDEX messages_customer_timeline ON messages (customer_id, sent_at DESC, id DESC);
CREATE INDEX messages_session ON messages (session_id, sent_at, id);
CREATE INDEX messages_chat ON messages (channel_id, external_chat_id, sent_at, id);

CREATE TABLE dead_letters (
    id          UUID PRIMARY KEY,
    channel_id  UUID        NOT NULL REFERENCES channels (id),
    message_id  UUID        REFERENCES messages (id),
    record_key  TEXT        NOT NULL,
    payload     JSONB       NOT NULL,
    failure     TEXT        NOT NULL,
    attempts    INT         NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_at TIMESTAMPTZ
);

CREATE TABLE audit_log (
    id         BIGSERIAL PRIMARY KEY,
    actor      TEXT        NOT NULL,
    action     TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    details    JSONB       NOT NULL DEFAULT '{}',
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

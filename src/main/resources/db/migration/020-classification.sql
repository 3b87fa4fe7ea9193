--liquibase formatted sql

--changeset parley:020-classification
-- Classification rules, versioned like workflows: every save is a new version; exactly one is active.
CREATE TABLE classification_rules (
    version    INT PRIMARY KEY,
    document   JSONB       NOT NULL,
    active     BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by TEXT        NOT NULL
);
CREATE UNIQUE INDEX classification_rules_one_active ON classification_rules (active) WHERE active;

-- What each inbound message was classified as (source: rule, model, menu, operator; or none).
CREATE TABLE message_classifications (
    message_id  UUID PRIMARY KEY REFERENCES messages (id),
    session_id  UUID        NOT NULL REFERENCES sessions (id),
    category    TEXT,
    confidence  REAL,
    source      TEXT,
    spam        BOOLEAN     NOT NULL,
    spam_reason TEXT,
    language    TEXT,
    urgent      BOOLEAN     NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX message_classifications_session ON message_classifications (session_id);

-- The session's classification as routing sees it (also copied into routing_tasks.attributes.classification).
-- spam_source = 'operator' when a supervisor decided; later messages do not change that decision.
CREATE TABLE session_classifications (
    session_id  UUID PRIMARY KEY REFERENCES sessions (id),
    category    TEXT,
    confidence  REAL,
    source      TEXT,
    spam        BOOLEAN     NOT NULL DEFAULT FALSE,
    spam_reason TEXT,
    spam_source TEXT,
    language    TEXT,
    urgent      BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Customers a supervisor marked as spammers: their later sessions are spam at once.
CREATE TABLE spam_senders (
    customer_id UUID PRIMARY KEY REFERENCES customers (id),
    marked_by   TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);

-- Training labels: an operator's category correction or a supervisor's spam decision, with the customer's text.
CREATE TABLE classification_labels (
    id         BIGSERIAL PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES sessions (id),
    category   TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    labeled_by TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Trained topic models (OpenNLP document categorizer); the newest is the one in use on every instance.
CREATE TABLE classification_models (
    id         SERIAL PRIMARY KEY,
    model      BYTEA       NOT NULL,
    report     JSONB       NOT NULL,
    labels     INT         NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Menu bot: flows (data, validated on save) and the place of each session in its flow.
CREATE TABLE menu_flows (
    id         TEXT PRIMARY KEY,
    document   JSONB       NOT NULL,
    updated_by TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE menu_sessions (
    session_id UUID PRIMARY KEY REFERENCES sessions (id),
    flow_id    TEXT        NOT NULL,
    node       TEXT        NOT NULL,
    answers    JSONB       NOT NULL DEFAULT '{}',
    retries    INT         NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX menu_sessions_expiry ON menu_sessions (expires_at);

-- Two more task states that routing ignores: BOT (the menu bot talks first) and SPAM (kept from operators).
ALTER TABLE routing_tasks DROP CONSTRAINT routing_tasks_state_check;
ALTER TABLE routing_tasks ADD CONSTRAINT routing_tasks_state_check
    CHECK (state IN ('WAITING', 'OFFERED', 'ASSIGNED', 'DONE', 'BOT', 'SPAM'));

--liquibase formatted sql

--changeset parley:110-desk
-- The wrap-up an operator gives when closing: the conversation's category and a resolution code (docs/console.md).
ALTER TABLE sessions ADD COLUMN wrap_up_category TEXT;
ALTER TABLE sessions ADD COLUMN wrap_up_resolution TEXT;
-- The conversations an operator handled, newest first ("the last 10" on the desk).
CREATE INDEX sessions_assignee_closed ON sessions (assignee, closed_at DESC) WHERE state = 'CLOSED';

-- Templates operators insert by typing /: global (queue_id null) or for one queue.
CREATE TABLE canned_replies (
    id         UUID PRIMARY KEY,
    shortcut   TEXT        NOT NULL,
    title      TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    -- shortcut and title lower-cased by Parley (whatever the database's locale), for the composer's search
    search     TEXT        NOT NULL,
    queue_id   TEXT,
    language   TEXT,
    updated_by TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX canned_replies_shortcut ON canned_replies (shortcut, coalesce(queue_id, ''), coalesce(language, ''));

-- Internal notes: operators and supervisors only, never sent to the customer.
CREATE TABLE session_notes (
    id          UUID PRIMARY KEY,
    session_id  UUID        NOT NULL REFERENCES sessions (id),
    customer_id UUID        NOT NULL REFERENCES customers (id),
    author      TEXT        NOT NULL,
    text        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX session_notes_customer ON session_notes (customer_id, created_at DESC);

-- Colleagues asked into a conversation without handing it over: they may read it and write notes.
CREATE TABLE session_consults (
    session_id   UUID        NOT NULL REFERENCES sessions (id),
    operator     TEXT        NOT NULL,
    requested_by TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, operator)
);
CREATE INDEX session_consults_operator ON session_consults (operator);

--liquibase formatted sql

--changeset parley:003-operators
-- Operators: one profile per token subject, kept by administrators. Lists are TEXT[] (Hibernate Reactive cannot bind
-- a top-level JSON array); capacity is a JSON object of channel kind to weight, e.g. {"chat": 3, "email": 5}.
CREATE TABLE operators (
    subject        TEXT PRIMARY KEY,
    display_name   TEXT        NOT NULL,
    skills         TEXT[]      NOT NULL DEFAULT '{}',
    languages      TEXT[]      NOT NULL DEFAULT '{}',
    groups         TEXT[]      NOT NULL DEFAULT '{}',
    capacity       JSONB       NOT NULL DEFAULT '{}',
    max_concurrent INT         NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'OFFLINE'
                   CHECK (status IN ('AVAILABLE', 'BUSY', 'BREAK', 'MEETING', 'OFFLINE')),
    status_reason  TEXT,
    status_since   TIMESTAMPTZ NOT NULL DEFAULT now(),
    version        INT         NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every status change, by whom. Kept when a profile is deleted.
CREATE TABLE operator_status_log (
    id         BIGSERIAL PRIMARY KEY,
    subject    TEXT        NOT NULL,
    status     TEXT        NOT NULL,
    previous   TEXT,
    reason     TEXT,
    changed_by TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX operator_status_log_subject ON operator_status_log (subject, id DESC);

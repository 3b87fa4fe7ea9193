--liquibase formatted sql

--changeset parley:004-queues
-- Queues are data: what they accept, whom they offer to, how and when (see README, Queues).
CREATE TABLE queues (
    id                         TEXT PRIMARY KEY,
    name                       TEXT        NOT NULL,
    target_expression          TEXT        NOT NULL,
    strategy                   TEXT        NOT NULL,
    offer_timeout_seconds      INT         NOT NULL,
    auto_accept                BOOLEAN     NOT NULL,
    max_wait_seconds           INT,
    business_hours             JSONB,
    out_of_hours_reply         TEXT,
    position_reply             TEXT,
    reopen_to_last_operator_seconds INT    NOT NULL,
    sla_first_response_seconds INT,
    sla_resolution_seconds     INT,
    version                    INT         NOT NULL DEFAULT 0,
    created_at                 TIMESTAMPTZ NOT NULL,
    updated_at                 TIMESTAMPTZ NOT NULL
);

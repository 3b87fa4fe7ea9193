--liquibase formatted sql

--changeset parley:200-report-facts
-- Reporting facts (see docs/reports.md), written in the transaction of the event they record, timed by Parley's clock.
-- One row per conversation (session); a reopened session keeps its row.
CREATE TABLE conversation_facts (
    session_id          UUID PRIMARY KEY,
    customer_id         UUID        NOT NULL,
    channel_type        TEXT        NOT NULL,
    opened_at           TIMESTAMPTZ NOT NULL,
    queued_at           TIMESTAMPTZ,
    queue               TEXT,
    last_queue          TEXT,
    first_offered_at    TIMESTAMPTZ,
    offers              INT         NOT NULL DEFAULT 0,
    accepted_at         TIMESTAMPTZ,
    first_operator      TEXT,
    operator            TEXT,
    operators           TEXT[]      NOT NULL DEFAULT '{}',
    first_reply_at      TIMESTAMPTZ,
    first_reply_operator TEXT,
    customer_messages   INT         NOT NULL DEFAULT 0,
    operator_messages   INT         NOT NULL DEFAULT 0,
    delivery_failures   INT         NOT NULL DEFAULT 0,
    transfers           INT         NOT NULL DEFAULT 0,
    first_transfer_at   TIMESTAMPTZ,
    closed_at           TIMESTAMPTZ,
    close_reason        TEXT,
    closed_by_operator  BOOLEAN     NOT NULL DEFAULT FALSE,
    category            TEXT,
    spam                BOOLEAN     NOT NULL DEFAULT FALSE,
    wrap_up_category    TEXT,
    wrap_up_resolution  TEXT,
    sla_target_seconds  INT,
    sla_breached        BOOLEAN     NOT NULL DEFAULT FALSE,
    reopened            INT         NOT NULL DEFAULT 0,
    changed_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The rollup refresh finds the facts changed since its last run (changed_at is the database's time, not the clock's).
CREATE INDEX conversation_facts_changed ON conversation_facts (changed_at);
CREATE INDEX conversation_facts_opened ON conversation_facts (opened_at);

-- An operator's status and how many conversations they held (0 included): one row per interval in which neither
-- changed; the open one has ended_at NULL.
CREATE TABLE operator_state_intervals (
    subject    TEXT        NOT NULL,
    status     TEXT        NOT NULL,
    load       INT         NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at   TIMESTAMPTZ,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX operator_state_intervals_open ON operator_state_intervals (subject) WHERE ended_at IS NULL;
-- The rollup refresh reads the intervals changed since its last run, and those that reach into an hour it recomputes.
CREATE INDEX operator_state_intervals_changed ON operator_state_intervals (changed_at);
CREATE INDEX operator_state_intervals_end ON operator_state_intervals ((coalesce(ended_at, 'infinity')));

-- Offers per hour, operator and queue: counters incremented by the offer's own transaction.
CREATE TABLE report_offers_hourly (
    bucket    TIMESTAMPTZ NOT NULL,
    operator  TEXT        NOT NULL,
    queue     TEXT        NOT NULL,
    made      INT         NOT NULL DEFAULT 0,
    accepted  INT         NOT NULL DEFAULT 0,
    declined  INT         NOT NULL DEFAULT 0,
    expired   INT         NOT NULL DEFAULT 0,
    rescinded INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, operator, queue)
);

-- Conversations per hour they opened, entry queue ('' for none), channel type and category (the wrap-up's, else the
-- classified one; '' for none): recomputed from conversation_facts by the rollup refresh. wo1..wo20 and wr1..wr20 count
-- the waits to offer and to first reply in the bins of io.parley.reports.Histogram (for medians and p90s).
CREATE TABLE report_conversations_hourly (
    bucket TIMESTAMPTZ NOT NULL,
    queue TEXT NOT NULL,
    channel_type TEXT NOT NULL,
    category TEXT NOT NULL,
    opened INT NOT NULL,
    incoming INT NOT NULL,
    offered INT NOT NULL,
    accepted INT NOT NULL,
    answered INT NOT NULL,
    abandoned INT NOT NULL,
    closed INT NOT NULL,
    transferred INT NOT NULL,
    reopened INT NOT NULL,
    spam INT NOT NULL,
    sla_eligible INT NOT NULL,
    sla_met INT NOT NULL,
    sla_breached INT NOT NULL,
    customer_messages BIGINT NOT NULL,
    operator_messages BIGINT NOT NULL,
    delivery_failures BIGINT NOT NULL,
    wait_offer_n INT NOT NULL,
    wait_offer_sum DOUBLE PRECISION NOT NULL,
    wo1 INT NOT NULL,
    wo2 INT NOT NULL,
    wo3 INT NOT NULL,
    wo4 INT NOT NULL,
    wo5 INT NOT NULL,
    wo6 INT NOT NULL,
    wo7 INT NOT NULL,
    wo8 INT NOT NULL,
    wo9 INT NOT NULL,
    wo10 INT NOT NULL,
    wo11 INT NOT NULL,
    wo12 INT NOT NULL,
    wo13 INT NOT NULL,
    wo14 INT NOT NULL,
    wo15 INT NOT NULL,
    wo16 INT NOT NULL,
    wo17 INT NOT NULL,
    wo18 INT NOT NULL,
    wo19 INT NOT NULL,
    wo20 INT NOT NULL,
    wait_reply_n INT NOT NULL,
    wait_reply_sum DOUBLE PRECISION NOT NULL,
    wr1 INT NOT NULL,
    wr2 INT NOT NULL,
    wr3 INT NOT NULL,
    wr4 INT NOT NULL,
    wr5 INT NOT NULL,
    wr6 INT NOT NULL,
    wr7 INT NOT NULL,
    wr8 INT NOT NULL,
    wr9 INT NOT NULL,
    wr10 INT NOT NULL,
    wr11 INT NOT NULL,
    wr12 INT NOT NULL,
    wr13 INT NOT NULL,
    wr14 INT NOT NULL,
    wr15 INT NOT NULL,
    wr16 INT NOT NULL,
    wr17 INT NOT NULL,
    wr18 INT NOT NULL,
    wr19 INT NOT NULL,
    wr20 INT NOT NULL,
    first_response_n INT NOT NULL,
    first_response_sum DOUBLE PRECISION NOT NULL,
    handle_n INT NOT NULL,
    handle_sum DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (bucket, queue, channel_type, category)
);

-- The same without the category: what queue and channel reports read when they are not filtered by category (a
-- tenth of the rows).
CREATE TABLE report_conversations_qc_hourly (LIKE report_conversations_hourly);
ALTER TABLE report_conversations_qc_hourly DROP COLUMN category;
ALTER TABLE report_conversations_qc_hourly ADD PRIMARY KEY (bucket, queue, channel_type);

-- Conversations and spam per hour, queue, channel type and category: what the topics report reads (narrow rows).
CREATE TABLE report_topics_hourly (
    bucket       TIMESTAMPTZ NOT NULL,
    queue        TEXT        NOT NULL,
    channel_type TEXT        NOT NULL,
    category     TEXT        NOT NULL,
    opened       INT         NOT NULL,
    spam         INT         NOT NULL,
    PRIMARY KEY (bucket, queue, channel_type, category)
);

-- Per hour opened, handling operator and entry queue: conversations closed, first responses and handle times.
CREATE TABLE report_operators_hourly (
    bucket             TIMESTAMPTZ NOT NULL,
    operator           TEXT        NOT NULL,
    queue              TEXT        NOT NULL,
    handled            INT         NOT NULL,
    first_response_n   INT         NOT NULL,
    first_response_sum DOUBLE PRECISION NOT NULL,
    handle_n           INT         NOT NULL,
    handle_sum         DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (bucket, operator, queue)
);

-- Seconds per hour, operator, status and number of conversations held, cut from operator_state_intervals by the
-- rollup refresh (an open interval counts up to the refresh).
CREATE TABLE report_operator_states_hourly (
    bucket   TIMESTAMPTZ NOT NULL,
    operator TEXT        NOT NULL,
    status   TEXT        NOT NULL,
    load     INT         NOT NULL,
    seconds  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (bucket, operator, status, load)
);

-- Wrap-up resolution codes per hour opened, entry queue, channel type and category ('' for none).
CREATE TABLE report_resolutions_hourly (
    bucket        TIMESTAMPTZ NOT NULL,
    queue         TEXT        NOT NULL,
    channel_type  TEXT        NOT NULL,
    category      TEXT        NOT NULL,
    resolution    TEXT        NOT NULL,
    conversations INT         NOT NULL,
    PRIMARY KEY (bucket, queue, channel_type, category, resolution)
);

-- Where the rollup refresh got to (the database time its last run started).
CREATE TABLE report_rollup_state (
    name         TEXT PRIMARY KEY,
    refreshed_at TIMESTAMPTZ NOT NULL
);

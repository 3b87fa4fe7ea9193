--liquibase formatted sql

--changeset parley:006-assignment
-- One routing task per session that needs an operator: where it waits, at which step of its rule, and who holds it.
CREATE TABLE routing_tasks (
    session_id         UUID PRIMARY KEY REFERENCES sessions (id),
    state              TEXT        NOT NULL CHECK (state IN ('WAITING', 'OFFERED', 'ASSIGNED', 'DONE')),
    queue              TEXT,
    priority           INT         NOT NULL DEFAULT 0,
    step               INT         NOT NULL DEFAULT 0,
    step_timeout_at    TIMESTAMPTZ,
    channel_kind       TEXT        NOT NULL,
    attributes         JSONB       NOT NULL,
    assignee           TEXT,
    preferred_operator TEXT,
    entered_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX routing_tasks_waiting ON routing_tasks (priority DESC, entered_at) WHERE state = 'WAITING';
CREATE INDEX routing_tasks_held ON routing_tasks (assignee, channel_kind) WHERE state IN ('OFFERED', 'ASSIGNED');

-- Offers: PENDING -> ACCEPTED | DECLINED | EXPIRED | RESCINDED. At most one PENDING offer per session.
CREATE TABLE offers (
    id         UUID PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES sessions (id),
    operator   TEXT        NOT NULL,
    queue      TEXT        NOT NULL,
    state      TEXT        NOT NULL CHECK (state IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'RESCINDED')),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX offers_one_pending ON offers (session_id) WHERE state = 'PENDING';
CREATE INDEX offers_pending_expiry ON offers (expires_at) WHERE state = 'PENDING';
CREATE INDEX offers_operator ON offers (operator, state);

-- Routing state of operators that the profile API does not own.
CREATE TABLE operator_routing (
    subject         TEXT PRIMARY KEY,
    idle_since      TIMESTAMPTZ,
    last_offered_at TIMESTAMPTZ,
    missed_offers   INT NOT NULL DEFAULT 0
);

-- Why each routing decision was made (workflow version, filter, target, candidates and reasons, winner).
CREATE TABLE routing_decisions (
    id         BIGSERIAL PRIMARY KEY,
    session_id UUID        NOT NULL,
    trigger    TEXT        NOT NULL,
    decision   JSONB       NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX routing_decisions_session ON routing_decisions (session_id, id);

-- Wake the routing loop of every instance when work appears (new task, task back to waiting, operator status change).
CREATE FUNCTION routing_notify() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    PERFORM pg_notify(''parley_routing'', '''');
    RETURN NULL;
END';
CREATE TRIGGER routing_tasks_notify AFTER INSERT OR UPDATE OF state ON routing_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION routing_notify();
CREATE TRIGGER operators_status_notify AFTER UPDATE OF status ON operators
    FOR EACH STATEMENT EXECUTE FUNCTION routing_notify();

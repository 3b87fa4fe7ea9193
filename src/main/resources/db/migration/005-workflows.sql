--liquibase formatted sql

--changeset parley:005-workflows
-- Routing rules, versioned: every save is a new version; exactly one version is active; rollback re-activates one.
CREATE TABLE workflows (
    version    INT PRIMARY KEY,
    document   JSONB       NOT NULL,
    active     BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by TEXT        NOT NULL
);
CREATE UNIQUE INDEX workflows_one_active ON workflows (active) WHERE active;

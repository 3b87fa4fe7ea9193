--liquibase formatted sql
--changeset parley:100-sessions-by-assignee
-- An operator's held conversations (GET /api/operators/me/conversations) without reading every open session.
CREATE INDEX sessions_open_assignee ON sessions (assignee) WHERE state = 'OPEN';

--liquibase formatted sql

--changeset parley:120-uploads
-- Files operators and visitors upload to send with a message; served at a signed link (docs/console.md).
CREATE TABLE uploads (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL,
    media_type  TEXT        NOT NULL,
    size        BIGINT      NOT NULL,
    sha256      TEXT        NOT NULL,
    data        BYTEA       NOT NULL,
    uploaded_by TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

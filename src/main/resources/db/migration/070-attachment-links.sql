--liquibase formatted sql

--changeset parley:070-attachment-links
-- Finds the message that links a file (downloads are checked against that message's customer).
CREATE INDEX messages_attachment_links ON messages USING gin ((attachments::jsonb) jsonb_path_ops)
    WHERE attachments <> '[]';

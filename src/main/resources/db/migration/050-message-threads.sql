--liquibase formatted sql

--changeset parley:050-message-threads
-- Subject lines (email) shown with messages; the normalised subject ("thread topic") for subject threading.
ALTER TABLE messages ADD COLUMN subject TEXT;
ALTER TABLE messages ADD COLUMN thread_topic TEXT;
ALTER TABLE messages ADD COLUMN has_html BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX messages_thread_topic ON messages (customer_id, channel_id, thread_topic, sent_at DESC)
    WHERE thread_topic IS NOT NULL;
-- Threading by provider ids (email Message-ID, both directions) uses messages_external (channel_id, direction,
-- external_id).

-- HTML bodies (email), kept apart so that timelines do not read them; served only with a strict CSP.
CREATE TABLE message_html (
    message_id UUID PRIMARY KEY REFERENCES messages (id),
    html       TEXT NOT NULL
);

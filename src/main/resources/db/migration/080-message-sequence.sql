--liquibase formatted sql

--changeset parley:080-message-sequence
-- Providers give times in seconds: messages of the same second were ordered by their random id. Every message list
-- now orders by (sent_at, seq), seq being the order Parley stored them in.
ALTER TABLE messages ADD COLUMN seq BIGSERIAL NOT NULL;
DROP INDEX messages_customer_timeline;
DROP INDEX messages_session;
DROP INDEX messages_chat;
CREATE INDEX messages_customer_timeline ON messages (customer_id, sent_at DESC, seq DESC);
CREATE INDEX messages_session ON messages (session_id, sent_at, seq);
CREATE INDEX messages_chat ON messages (channel_id, external_chat_id, sent_at, seq);

--liquibase formatted sql

--changeset parley:060-message-time-range
-- A provider's time outside any real date (infinity, 4714 BC, year 300000) made every read of that customer's
-- timeline fail. Ingress now clamps such times to the time Parley accepted the message; rows stored before get the
-- time they were stored, and the database refuses any new one (a record that tries is parked, not retried).
UPDATE messages SET sent_at = stored_at
    WHERE sent_at < TIMESTAMPTZ '1900-01-01 00:00:00Z' OR sent_at > TIMESTAMPTZ '9999-01-01 00:00:00Z';
UPDATE messages SET edited_at = stored_at
    WHERE edited_at < TIMESTAMPTZ '1900-01-01 00:00:00Z' OR edited_at > TIMESTAMPTZ '9999-01-01 00:00:00Z';
ALTER TABLE messages ADD CONSTRAINT messages_sent_at_range
    CHECK (sent_at BETWEEN TIMESTAMPTZ '1900-01-01 00:00:00Z' AND TIMESTAMPTZ '9999-01-01 00:00:00Z');
ALTER TABLE messages ADD CONSTRAINT messages_edited_at_range
    CHECK (edited_at BETWEEN TIMESTAMPTZ '1900-01-01 00:00:00Z' AND TIMESTAMPTZ '9999-01-01 00:00:00Z');

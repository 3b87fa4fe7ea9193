--liquibase formatted sql

--changeset parley:090-channel-poll-problem
-- Why an enabled channel's poll loop gets nothing (Telegram 409: another client takes its updates), shown on the
-- channel; written and cleared by the poll loop only.
ALTER TABLE channels ADD COLUMN poll_problem TEXT;
ALTER TABLE channels ADD COLUMN poll_problem_since TIMESTAMPTZ;

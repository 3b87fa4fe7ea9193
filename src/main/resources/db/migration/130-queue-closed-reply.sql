--liquibase formatted sql

--changeset parley:130-queue-closed-reply
-- Sent to the customer when an operator closes their conversation (not when it closes for inactivity).
ALTER TABLE queues ADD COLUMN closed_reply TEXT;

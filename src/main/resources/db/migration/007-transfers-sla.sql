--liquibase formatted sql

--changeset parley:007-transfers-sla
-- A transfer to a queue pins the task to that queue instead of the rules.
ALTER TABLE routing_tasks ADD COLUMN forced_queue TEXT;
-- SLA clocks of the queue the task waits in (due times in business hours where the queue has them).
ALTER TABLE routing_tasks ADD COLUMN first_response_due TIMESTAMPTZ;
ALTER TABLE routing_tasks ADD COLUMN resolution_due TIMESTAMPTZ;
ALTER TABLE routing_tasks ADD COLUMN sla_warned BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE routing_tasks ADD COLUMN sla_breached BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX routing_tasks_sla ON routing_tasks (first_response_due) WHERE state <> 'DONE' AND NOT sla_breached;

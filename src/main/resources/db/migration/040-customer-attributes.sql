--liquibase formatted sql

--changeset parley:040-customer-attributes
-- What the CRM knows about a customer (e.g. vip, segment), set through the API and visible to routing as customer.*.
ALTER TABLE customers ADD COLUMN attributes JSONB NOT NULL DEFAULT '{}'::jsonb;

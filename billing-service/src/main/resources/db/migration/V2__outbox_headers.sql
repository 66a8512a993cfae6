-- Extra Kafka headers per outbox record (JSON object), e.g. the reason on a dead-letter record.
ALTER TABLE billing.outbox ADD COLUMN headers text;

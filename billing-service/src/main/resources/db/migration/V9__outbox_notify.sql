-- Wakes the outbox relay the moment events are committed: a NOTIFY on outbox_billing per statement that
-- adds outbox rows (Postgres delivers it at commit, and folds repeats within one transaction into one).
-- The relay LISTENs for it and still polls slowly in case a notification is missed.
CREATE FUNCTION billing.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_billing', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON billing.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION billing.outbox_notify();

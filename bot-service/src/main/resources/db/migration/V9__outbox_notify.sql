-- Wakes the outbox relay the moment events are committed: a NOTIFY on outbox_bots per statement that
-- adds outbox rows (Postgres delivers it at commit, and folds repeats within one transaction into one).
-- The relay LISTENs for it and still polls slowly in case a notification is missed.
CREATE FUNCTION bots.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_bots', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON bots.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION bots.outbox_notify();

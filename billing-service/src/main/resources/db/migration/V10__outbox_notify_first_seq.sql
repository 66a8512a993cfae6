-- The NOTIFY on outbox_billing now carries the lowest seq a statement added, and none is sent when a
-- statement added no rows (a data-modifying CTE that parks no dead letter, say). The relay scans its
-- table from the lowest seq it was told about instead of from the start: a queue table that is
-- deleted from all day holds thousands of dead index entries at its head between vacuums, and
-- walking them on every round was the relay's main cost. Its periodic poll still scans from the start.
CREATE OR REPLACE FUNCTION billing.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    first_seq bigint;
BEGIN
    SELECT min(seq) INTO first_seq FROM added;
    IF first_seq IS NOT NULL THEN
        PERFORM pg_notify('outbox_billing', first_seq::text);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER outbox_notify ON billing.outbox;
CREATE TRIGGER outbox_notify AFTER INSERT ON billing.outbox
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION billing.outbox_notify();

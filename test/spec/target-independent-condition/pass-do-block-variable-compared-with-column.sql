-- expect: none
DO $$ DECLARE v int := 7; BEGIN DELETE FROM invoices WHERE id = v; END $$;

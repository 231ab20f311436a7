-- expect: target-independent-condition@2:44
DO $$ DECLARE purge boolean := true; BEGIN DELETE FROM invoices WHERE purge; END $$;

-- expect: transaction-control@2:13
DO $$ BEGIN COMMIT; END $$;

-- expect: unverifiable@2:13
DO $$ BEGIN EXECUTE 'DELETE FROM t'; END $$;

-- expect: unverifiable@2:1
DO $$ BEGIN DELETE FROM t WHERE; END $$;

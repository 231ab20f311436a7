-- expect: unverifiable@4:13
-- expect-severity: unverifiable@4:13 warning
-- safe-sql-ignore unverifiable: table name comes from a reviewed list
DO $$ BEGIN EXECUTE 'VACUUM'; END $$;

-- expect: missing-where@6:13
-- expect: truncate@6:28
-- expect-severity: missing-where@6:13 warning
-- expect-severity: truncate@6:28 error
-- safe-sql-ignore missing-where: reset fixtures
DO $$ BEGIN DELETE FROM a; TRUNCATE c; END $$;

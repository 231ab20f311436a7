-- expect: missing-where@8:13
-- expect: missing-where@8:28
-- expect: truncate@8:48
-- expect-severity: missing-where@8:13 warning
-- expect-severity: missing-where@8:28 warning
-- expect-severity: truncate@8:48 warning
-- safe-sql-ignore missing-where, truncate: reset fixtures
DO $$ BEGIN DELETE FROM a; UPDATE b SET x = 1; TRUNCATE c; END $$;

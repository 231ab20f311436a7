-- env: staging
-- expect: bad-directive@6:1
-- expect: missing-where@7:1
-- expect-severity: bad-directive@6:1 warning
-- expect-severity: missing-where@7:1 warning
-- safe-sql-ignore missing-where
DELETE FROM sessions;

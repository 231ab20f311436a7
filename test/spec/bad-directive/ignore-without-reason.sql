-- expect: bad-directive@5:1
-- expect: missing-where@6:1
-- expect-severity: bad-directive@5:1 warning
-- expect-severity: missing-where@6:1 error
-- safe-sql-ignore missing-where
DELETE FROM sessions;

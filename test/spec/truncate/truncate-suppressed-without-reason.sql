-- expect: bad-directive@5:1
-- expect: truncate@6:1
-- expect-severity: truncate@6:1 error
-- expect-severity: bad-directive@5:1 warning
-- safe-sql-ignore truncate
TRUNCATE scratch;

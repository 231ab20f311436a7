-- expect: bad-directive@4:1
-- expect: missing-where@5:1
-- expect-severity: missing-where@5:1 error
-- safe-sql-ignore: because
DELETE FROM sessions;

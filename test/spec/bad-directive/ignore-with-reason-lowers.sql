-- expect: missing-where@4:1
-- expect-severity: missing-where@4:1 warning
-- safe-sql-ignore missing-where: one-off cleanup approved in CHG-1234
DELETE FROM sessions;

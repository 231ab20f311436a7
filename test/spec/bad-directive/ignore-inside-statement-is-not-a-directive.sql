-- expect: missing-where@3:1
-- expect-severity: missing-where@3:1 error
DELETE FROM a
-- safe-sql-ignore missing-where: too late, the statement has begun
;

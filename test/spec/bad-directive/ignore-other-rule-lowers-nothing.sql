-- expect: missing-where@4:1
-- expect-severity: missing-where@4:1 error
-- safe-sql-ignore truncate: wrong rule named
DELETE FROM sessions;

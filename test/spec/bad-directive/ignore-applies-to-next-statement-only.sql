-- expect: missing-where@6:1
-- expect: missing-where@7:1
-- expect-severity: missing-where@6:1 warning
-- expect-severity: missing-where@7:1 error
-- safe-sql-ignore missing-where: fixtures only
DELETE FROM a;
DELETE FROM b;

-- expect: missing-where@5:1
-- expect-severity: missing-where@5:1 warning
-- safe-sql-ignore missing-where: table is rebuilt nightly

DELETE FROM cache;

-- expect: unverifiable@5:1
-- expect-severity: unverifiable@5:1 warning
-- expect: missing-where@6:1
-- safe-sql-ignore unverifiable: setup.sql is reviewed
\i setup.sql
DELETE FROM t;

-- expect: syntax-error@5:1
-- expect-severity: syntax-error@5:1 warning
-- expect: missing-where@6:1
-- safe-sql-ignore syntax-error: the server rejects the whole query, the DELETE never runs
SELEC 1 \; DELETE FROM t;
DELETE FROM t;

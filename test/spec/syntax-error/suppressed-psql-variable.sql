-- expect: syntax-error@4:26
-- expect-severity: syntax-error@4:26 warning
-- safe-sql-ignore syntax-error: psql fills in :id before sending
DELETE FROM t WHERE id = :id;

-- expect: missing-where@4:1
-- expect: unverifiable@4:13
-- safe-sql-ignore syntax-error: psql fills in :tbl before sending
DELETE FROM :tbl;

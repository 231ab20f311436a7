-- expect: truncate@4:1
-- expect-severity: truncate@4:1 warning
-- safe-sql-ignore truncate: nightly reset of the scratch table
TRUNCATE scratch;

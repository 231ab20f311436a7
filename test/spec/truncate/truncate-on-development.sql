-- env: development
-- expect: truncate@4:1
-- expect-severity: truncate@4:1 warning
TRUNCATE t;

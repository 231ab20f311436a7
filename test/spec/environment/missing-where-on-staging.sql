-- env: staging
-- expect: missing-where@4:1
-- expect-severity: missing-where@4:1 warning
DELETE FROM t;

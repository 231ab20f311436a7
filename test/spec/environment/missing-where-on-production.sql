-- env: production
-- expect: missing-where@4:1
-- expect-severity: missing-where@4:1 error
UPDATE t SET a = 1;

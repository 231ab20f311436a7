-- env: development
-- expect: missing-where@4:1
-- expect-severity: missing-where@4:1 warning
UPDATE t SET a = 1;

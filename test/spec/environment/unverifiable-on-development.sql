-- env: development
-- expect: unverifiable@4:8
-- expect-severity: unverifiable@4:8 warning
SELECT 'open

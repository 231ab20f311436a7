-- env: development
-- expect: non-transactional@4:1
-- expect-severity: non-transactional@4:1 warning
VACUUM;

-- expect: missing-where@2:25
EXPLAIN ANALYZE VERBOSE DELETE FROM t;

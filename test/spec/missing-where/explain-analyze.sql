-- expect: missing-where@2:17
EXPLAIN ANALYZE DELETE FROM t;

-- expect: always-true-where@2:17
EXPLAIN ANALYZE DELETE FROM t WHERE 1 = 1;

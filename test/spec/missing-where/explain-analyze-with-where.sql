-- expect: none
EXPLAIN ANALYZE DELETE FROM t WHERE id = 1;

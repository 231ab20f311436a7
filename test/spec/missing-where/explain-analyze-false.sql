-- expect: none
EXPLAIN (ANALYZE false) DELETE FROM t;

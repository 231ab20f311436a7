-- expect: none
EXPLAIN DELETE FROM t;

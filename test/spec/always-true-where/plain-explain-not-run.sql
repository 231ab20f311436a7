-- expect: none
EXPLAIN DELETE FROM t WHERE 1 = 1;

-- expect: none
EXPLAIN (ANALYZE off, COSTS off) UPDATE t SET a = 1;

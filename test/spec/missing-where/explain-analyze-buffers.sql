-- expect: missing-where@2:28
EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1;

-- expect: missing-where@2:22
EXPLAIN (ANALYZE on) DELETE FROM t;

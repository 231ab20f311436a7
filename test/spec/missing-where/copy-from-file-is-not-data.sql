-- expect: missing-where@3:1
-- expect: non-rollback-effect@2:1
COPY t FROM '/tmp/stdin';
DELETE FROM t;

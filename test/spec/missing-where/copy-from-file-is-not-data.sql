-- expect: missing-where@4:1
-- expect: non-rollback-effect@3:1
COPY t FROM '/tmp/stdin';
DELETE FROM t;

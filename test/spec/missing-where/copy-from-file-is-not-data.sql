-- expect: missing-where@3:1
COPY t FROM '/tmp/stdin';
DELETE FROM t;

-- expect: missing-where@3:1
SELECT max(id) AS m FROM t \gset
DELETE FROM t;

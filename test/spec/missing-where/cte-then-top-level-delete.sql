-- expect: missing-where@2:32
WITH ids AS (SELECT id FROM t) DELETE FROM t;

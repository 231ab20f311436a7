-- expect: missing-where@2:12
WITH d AS (DELETE FROM t) SELECT * FROM x WHERE id = 1;

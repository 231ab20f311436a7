-- expect: always-true-where@2:12
WITH d AS (DELETE FROM t WHERE 1=1 RETURNING *) SELECT * FROM d;

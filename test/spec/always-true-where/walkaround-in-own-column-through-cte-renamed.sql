-- expect: always-true-where@2:42
WITH k(key) AS (SELECT t.id AS x FROM t) DELETE FROM t WHERE id IN (SELECT key FROM k);

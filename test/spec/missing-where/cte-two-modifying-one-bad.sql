-- expect: missing-where@3:12
WITH a AS (UPDATE t SET x = 1 WHERE id = 1 RETURNING id),
     b AS (DELETE FROM u RETURNING id)
SELECT * FROM a, b;

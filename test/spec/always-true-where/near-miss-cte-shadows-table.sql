-- expect: none
WITH t AS (SELECT 5 AS id) DELETE FROM t WHERE id IN (SELECT id FROM t);

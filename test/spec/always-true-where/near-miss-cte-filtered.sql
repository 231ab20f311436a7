-- expect: none
WITH ids AS (SELECT id FROM t WHERE v > 5) DELETE FROM t WHERE id IN (SELECT id FROM ids);

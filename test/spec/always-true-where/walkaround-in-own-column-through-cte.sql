-- expect: always-true-where@2:36
WITH all_ids AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM all_ids);

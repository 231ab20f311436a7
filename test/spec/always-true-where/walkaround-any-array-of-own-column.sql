-- expect: always-true-where@2:1
DELETE FROM t WHERE id = ANY (ARRAY(SELECT id FROM t));

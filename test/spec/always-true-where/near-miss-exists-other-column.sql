-- expect: none
DELETE FROM t WHERE EXISTS (SELECT 1 FROM t t2 WHERE t2.parent_id = t.id);

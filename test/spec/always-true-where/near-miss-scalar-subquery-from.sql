-- expect: none
DELETE FROM t WHERE id = (SELECT id FROM s);

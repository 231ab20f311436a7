-- expect: none
DELETE FROM archive.t WHERE id IN (SELECT id FROM t);

-- expect: none
DELETE FROM t WHERE id = 1;

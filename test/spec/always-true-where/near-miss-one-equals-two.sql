-- expect: none
DELETE FROM t WHERE 1 = 2;

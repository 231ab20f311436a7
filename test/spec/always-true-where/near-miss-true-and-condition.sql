-- expect: none
DELETE FROM t WHERE 1=1 AND id=5;

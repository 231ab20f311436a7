-- expect: none
DELETE FROM t WHERE 'a' = 'b';
